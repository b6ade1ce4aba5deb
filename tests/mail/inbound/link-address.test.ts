import { parseLinkAddress } from "../../../src/mail/inbound/link-address";

describe("automatic-linking addresses (P18)", () => {
  test.each([
    ["erp+Customer+that%20company@example.org", { doctype: "Customer", name: "that company" }],
    ["jane.doe+A+Test@example.org", { doctype: "A", name: "Test" }],
    ["max.muss+Note=Very%20important@example.org", { doctype: "Note", name: "Very important" }],
    ["support+ToDo=abc%3D1@example.org", { doctype: "ToDo", name: "abc=1" }],
    ["support+Sales%20Invoice+SINV-0001@example.org", { doctype: "Sales Invoice", name: "SINV-0001" }],
  ])("%s names a document", (address, link) => {
    expect(parseLinkAddress(address)).toEqual(link);
  });

  test.each([["plain@example.org"], ["tagged+news@example.org"], ["a+b+c+d@example.org"], ["x+=name@example.org"], ["x+Doc=@example.org"]])("%s names none", (address) => {
    expect(parseLinkAddress(address)).toBeNull();
  });
});
