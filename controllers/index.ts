import type { ControllerClass } from "../src/core/controller";
import type { MethodTable } from "../src/core/site";
import { EMAIL_ACCOUNT_METHODS, EmailAccount } from "./email_account";
import { Communication } from "./communication";
import { Contact } from "./contact";
import { EmailDomain } from "./email_domain";
import { User } from "./user";

/** The controller of each DocType that has one, by DocType name. */
export const CONTROLLERS: ReadonlyMap<string, ControllerClass> = new Map<string, ControllerClass>([
  ["Email Account", EmailAccount],
  ["Email Domain", EmailDomain],
  ["Communication", Communication],
  ["Contact", Contact],
  ["User", User],
]);

/** Whitelisted methods the controllers' modules define (Frappe's `@frappe.whitelist()` functions). */
export const CONTROLLER_METHODS: MethodTable = {
  ...EMAIL_ACCOUNT_METHODS,
};
