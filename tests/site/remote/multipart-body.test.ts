import { Readable } from "node:stream";
import { multipartBody } from "../../../src/site/remote/multipart-body";

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe("multipartBody", () => {
  test("writes the fields, then the file part named `file`, and states the length of a Buffer body", async () => {
    const body = multipartBody({ is_private: "1", doctype: "ToDo" }, { filename: "a.txt", content: Buffer.from("hello") });
    const boundary = /boundary=(.+)$/.exec(body.contentType)?.[1] as string;
    expect(body.contentType).toMatch(/^multipart\/form-data; boundary=----frappe-email-account-[0-9a-f]{24}$/);
    const text = (await collect(body.stream)).toString("utf8");
    expect(text).toBe(
      `--${boundary}\r\nContent-Disposition: form-data; name="is_private"\r\n\r\n1\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="doctype"\r\n\r\nToDo\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: application/octet-stream\r\n\r\n` +
        `hello\r\n--${boundary}--\r\n`,
    );
    expect(body.length).toBe(Buffer.byteLength(text));
  });

  test("a stream is passed through chunk by chunk, with no length (sent chunked)", async () => {
    let pulled = 0;
    const source = Readable.from(
      (function* () {
        for (let i = 0; i < 3; i++) {
          pulled++;
          yield Buffer.from(`part${i}`);
        }
      })(),
    );
    const body = multipartBody({}, { filename: "b.bin", content: source });
    expect(body.length).toBeUndefined();
    expect(pulled).toBe(0);
    const text = (await collect(body.stream)).toString("utf8");
    expect(text).toContain("part0part1part2\r\n--");
    expect(pulled).toBe(3);
  });

  test("quotes and line breaks in a file name cannot break the part header", async () => {
    const body = multipartBody({}, { filename: 'x"\r\ny.txt', content: Buffer.from("") });
    expect((await collect(body.stream)).toString()).toContain('filename="x%22%0D%0Ay.txt"');
  });
});
