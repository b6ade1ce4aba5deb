import { TransportPool } from "../../../src/mail/outbound/transport-pool";
import { type OutboundSite, insertAll, openOutboundSite, outgoingAccount } from "./outbound-site";

describe("TransportPool bookkeeping (sending itself is tested against the rig)", () => {
  let t: OutboundSite;
  let pool: TransportPool;
  beforeEach(() => {
    t = openOutboundSite();
    pool = new TransportPool();
  });
  afterEach(async () => {
    await pool.close();
    await t.close();
  });

  it("one transport per account, rebuilt when its password changes, dropped by forget and close", async () => {
    await insertAll(t.site, [outgoingAccount("Support", "support@example.test"), outgoingAccount("Sales", "sales@example.test")]);
    const support = async () => (await pool.transportFor(t.site, await t.site.get("Email Account", "Support"))).transport;
    const first = await support();
    expect(await support()).toBe(first);
    await pool.transportFor(t.site, await t.site.get("Email Account", "Sales"));
    expect([pool.size, pool.created]).toEqual([2, 2]);

    await t.site.save({ doctype: "Email Account", name: "Support", password: "changed-secret" }, { noConnect: true });
    expect(await support()).not.toBe(first);
    expect([pool.size, pool.created]).toEqual([2, 3]);

    pool.forget("Sales");
    expect(pool.size).toBe(1);
    await pool.close();
    expect(pool.size).toBe(0);
  });
});
