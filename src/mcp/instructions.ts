/** What an MCP host is told about Maya's tools, the same from /mcp and from the stdio bridge. */
export const BAR_INSTRUCTIONS =
  "Maya is a bartender. These tools act for one guest: read the menu, order drinks, take them off, tip, pay (pay_tab gives " +
  "the checkout link for the guest) and check the payment, or just talk to Maya with say. Money is in integer cents. A " +
  "refused call (isError) carries Maya's words for the guest and changed nothing.";
