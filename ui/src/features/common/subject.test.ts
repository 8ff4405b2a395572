import { describe, expect, it } from "vitest";
import { readableSubject } from "./subject";

describe("certificate subjects", () => {
  it("reads as a name, a staff number, a department and a bureau", () => {
    expect(readableSubject("CN=赵处长,serialNumber=A-04,OU=招商服务处,O=沈阳市某局")).toBe("赵处长（A-04），招商服务处，沈阳市某局");
    expect(readableSubject("CN=沈阳市某局 根证书,O=沈阳市某局")).toBe("沈阳市某局 根证书，沈阳市某局");
    expect(readableSubject("CN=Li\\, Ming")).toBe("Li, Ming");
  });

  it("shows a subject without a common name as it is", () => {
    expect(readableSubject("O=沈阳市某局")).toBe("O=沈阳市某局");
  });
});
