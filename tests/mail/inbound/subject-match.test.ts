import { cleanSubject, nameFromSubject } from "../../../src/mail/inbound/subject-match";

describe("subject matching helpers (P15)", () => {
  test.each([
    ["Re: Your order (#SO-0042)", "SO-0042"],
    ["RE: RE: (#abc123)", "abc123"],
    ["a # b # (c d) ", "c d"],
    ["No hash at all", "No hash at all"],
  ])("nameFromSubject(%j) = %j", (subject, name) => {
    expect(nameFromSubject(subject)).toBe(name);
  });

  test.each([
    ["RE: RE: New todo", "New todo"],
    ["Fwd: Re: AW: plan", "plan"],
    ["WG: Angebot", "Angebot"],
    ["re : spaced", "spaced"],
    ["Nouvelle tâche à faire 😃", "Nouvelle tâche à faire 😃"],
    ["Where: here", "Whehere"], // Frappe's pattern also eats a `re…:` inside a word; kept so both sites match alike
  ])("cleanSubject(%j) = %j", (subject, cleaned) => {
    expect(cleanSubject(subject)).toBe(cleaned);
  });
});
