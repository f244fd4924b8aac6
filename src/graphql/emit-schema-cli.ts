/** `npm run schema:emit`: writes schema.graphql from the code. */
import { writeFile } from "node:fs/promises";
import { projectPath } from "../db/paths.js";
import { buildMayaSchema, printMayaSchema } from "./schema.js";

const schema = await buildMayaSchema(new Map());
await writeFile(projectPath("schema.graphql"), printMayaSchema(schema));
console.log("schema.graphql written");
