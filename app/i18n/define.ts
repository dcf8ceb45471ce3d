/** A message group: English is the source; Dutch must have exactly the same keys. */
export function defineMessages<const E extends Record<string, string>>(messages: {
  en: E
  nl: { [K in keyof E]: string }
}) {
  return messages
}
