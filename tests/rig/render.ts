import fs from "node:fs";
import path from "node:path";

const TEMPLATE_DIR = __dirname;

/**
 * Fills `{{NAME}}` placeholders of a template kept in tests/rig and writes the result to `target`. A
 * placeholder without a value is an error, so a typo in a template never reaches a server as literal text.
 */
export function renderTemplate(templatePath: string, target: string, values: Record<string, string | number>): void {
  const source = fs.readFileSync(path.join(TEMPLATE_DIR, templatePath), "utf8");
  const rendered = source.replace(/\{\{([A-Z_]+)\}\}/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`${templatePath}: no value for {{${name}}}`);
    return String(value);
  });
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, rendered);
}
