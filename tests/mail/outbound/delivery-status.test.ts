import { deliveryStatusOf } from "../../../src/mail/outbound/delivery-status";

describe("deliveryStatusOf (S20)", () => {
  it("follows Frappe's precedence", () => {
    expect(deliveryStatusOf(["Sent", "Not Sent"])).toBe("Sending");
    expect(deliveryStatusOf(["Sent", "Sending"])).toBe("Sending");
    expect(deliveryStatusOf(["Sent", "Error"])).toBe("Error");
    expect(deliveryStatusOf(["Sent", "Expired"])).toBe("Expired");
    expect(deliveryStatusOf(["Sent"])).toBe("Sent");
    expect(deliveryStatusOf(["Partially Sent"])).toBeUndefined();
    expect(deliveryStatusOf([])).toBeUndefined();
  });
});
