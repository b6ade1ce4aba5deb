/** The vocabulary the bench's mails are made of: plausible business mail, a little non-ASCII. */

export const PEOPLE: ReadonlyArray<{ name: string; local: string }> = [
  { name: "Anna Schmidt", local: "anna.schmidt" },
  { name: "Jürgen Müller", local: "j.mueller" },
  { name: "Priya Natarajan", local: "priya" },
  { name: "Tom O'Brien", local: "tom.obrien" },
  { name: "Léa Dubois", local: "lea.dubois" },
  { name: "Carlos Pérez", local: "cperez" },
  { name: "Mei Chen", local: "mei.chen" },
  { name: "Olusegun Adeyemi", local: "segun" },
  { name: "Sofia Rossi", local: "s.rossi" },
  { name: "Henrik Nilsson", local: "henrik" },
  { name: "Aylin Yılmaz", local: "aylin.yilmaz" },
  { name: "David Cohen", local: "dcohen" },
  { name: "Kateřina Nováková", local: "katerina" },
  { name: "Rahul Gupta", local: "rahul.gupta" },
  { name: "Emma Johansson", local: "emma.j" },
  { name: "Lucas Martin", local: "lucas" },
  { name: "Fatima Zahra", local: "fzahra" },
  { name: "Kenji Watanabe", local: "k.watanabe" },
  { name: "Grace Okafor", local: "grace.okafor" },
  { name: "Piotr Kowalski", local: "piotr" },
];

export const DOMAINS = [
  "acme-industries.test",
  "northwind.test",
  "globex.test",
  "initech.test",
  "umbrella-supplies.test",
  "stark-logistics.test",
  "wayne-retail.test",
  "contoso.test",
  "fabrikam.test",
  "tailspin.test",
  "mailservice.test",
  "freemail.test",
] as const;

export const SUBJECTS = [
  "Order {n} delivery date",
  "Invoice {n} for March",
  "Question about your quotation {n}",
  "Meeting next Tuesday",
  "Support request: login fails",
  "Updated price list",
  "Return of damaged goods (order {n})",
  "Contract renewal {n}",
  "Shipping address change",
  "Payment reminder for invoice {n}",
  "Request for samples",
  "Project kickoff notes",
  "Your ticket #{n} has been received",
  "Training session feedback",
  "New supplier registration",
  "Missing items in delivery {n}",
] as const;

/** Subjects that need RFC 2047 encoded words. */
export const UNICODE_SUBJECTS = [
  "Rückfrage zur Bestellung {n}",
  "Café-Lieferung für nächste Woche",
  "Réunion de suivi — devis {n}",
  "Pedido {n}: ¿cuándo llega?",
  "Заказ {n}: счёт и доставка",
  "ご注文 {n} の件について",
  "Fiyat listesi güncellemesi",
  "Zpráva o dodávce {n}",
  "Überweisung für Rechnung {n} erhalten ✓",
] as const;

export const WORDS = (
  "we would like to confirm the order and the delivery date for next week please let us know if the " +
  "price list is still valid our team has reviewed the invoice and found a small difference in the total " +
  "amount could you send the updated quotation with the new quantities the shipment left the warehouse " +
  "yesterday and should arrive on time thank you for your quick reply regarding the contract we need a " +
  "signed copy before the end of the month the support team is looking into the issue and will get back " +
  "to you as soon as possible attached you will find the requested documents kind regards from the sales " +
  "department in case of questions do not hesitate to call the account manager the meeting has been moved " +
  "to thursday afternoon because several colleagues are travelling"
).split(" ");

/** A few non-ASCII words sprinkled into bodies, so bodies need quoted-printable now and then. */
export const ACCENTED_WORDS = ["Grüße", "Lieferung", "café", "naïve", "façade", "Größe", "déjà", "señor", "Überweisung"] as const;

export const MAILERS = [
  "User-Agent: Mozilla Thunderbird",
  "X-Mailer: Microsoft Outlook 16.0",
  "X-Mailer: Apple Mail (2.3774.500.171.1.1)",
  "User-Agent: Roundcube Webmail/1.6.5",
] as const;

export const ATTACHMENTS: ReadonlyArray<{ name: string; type: string; magic: string }> = [
  { name: "invoice-{n}.pdf", type: "application/pdf", magic: "%PDF-1.4\n" },
  { name: "report-{n}.csv", type: "text/csv", magic: "date,item,quantity,price\n" },
  { name: "logo.png", type: "image/png", magic: "\x89PNG\r\n\x1a\n" },
  { name: "notes-{n}.txt", type: "text/plain", magic: "Notes\n" },
  { name: "photo-{n}.jpg", type: "image/jpeg", magic: "\xff\xd8\xff\xe0" },
];
