/** overlay.js imports its stylesheet as text (esbuild's text loader) to put it inside its Shadow DOM. */
declare module "*.css" {
  const text: string;
  export default text;
}
