import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { arpabetFromEspeak, dictionaryText, pluralPronunciation, pronounce } from "../../src/voice/recognition/pronunciations.js";

describe("pronunciations", () => {
  let folder: string;
  let dictionaryPath: string;
  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), "maya-dict-"));
    dictionaryPath = path.join(folder, "cmu.dict");
    await writeFile(dictionaryPath, ["martini M AA R T IY N IY", "tab T AE B", "tab(2) T AH B", "daiquiri D AY K ER IY", "glass G L AE S"].join("\n"));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it("maps espeak-ng phonemes to the model's ARPAbet", () => {
    expect(arpabetFromEspeak("ni:gr'oUni")).toBe("N IY G R OW N IY");
    expect(arpabetFromEspeak(",aIp,i:;'eI")).toBe("AY P IY EY");
    expect(arpabetFromEspeak("m'Ezk@l")).toBe("M EH Z K AH L");
    expect(arpabetFromEspeak("tS'3:tS")).toBe("CH ER CH");
    expect(arpabetFromEspeak("gl'aas")).toBe("G L AE S");
    expect(arpabetFromEspeak("'Indi;@")).toBe("IH N D IY AH");
    expect(arpabetFromEspeak("")).toBeNull();
    expect(arpabetFromEspeak("k@~")).toBeNull();
  });

  it("makes a plural from its singular with the ending English uses", () => {
    expect(pluralPronunciation("D AY K ER IY")).toBe("D AY K ER IY Z");
    expect(pluralPronunciation("T AE P")).toBe("T AE P S");
    expect(pluralPronunciation("G L AE S")).toBe("G L AE S IH Z");
  });

  it("takes the dictionary first (alternates too), then plurals, then espeak; reports what nobody can say", async () => {
    const asked: string[] = [];
    const result = await pronounce(["martini", "tab", "daiquiris", "glasses", "negroni", "zzxq"], {
      dictionaryPath,
      espeak: async (word) => {
        asked.push(word);
        return word === "negroni" ? "N IY G R OW N IY" : null;
      },
    });
    expect(result.pronunciations.get("tab")).toEqual(["T AE B", "T AH B"]);
    expect(result.pronunciations.get("daiquiris")).toEqual(["D AY K ER IY Z"]);
    expect(result.pronunciations.get("glasses")).toEqual(["G L AE S IH Z"]);
    expect(result.generated).toEqual(["negroni"]);
    expect(result.missing).toEqual(["zzxq"]);
    expect(asked.sort()).toEqual(["negroni", "zzxq"]);
    expect(dictionaryText(result.pronunciations)).toContain("tab(2) T AH B\n");
  });

  it("adds espeak-ng's reading of a drink's name as an alternate, pluralised from the singular's for a plural", async () => {
    const readings: Record<string, string> = { martini: "M AA R T IY N IY", daiquiri: "D EY K W IY R IY", tab: "T AE B" };
    const asked: string[] = [];
    const result = await pronounce(["martini", "daiquiri", "daiquiris", "tab"], {
      dictionaryPath,
      espeak: async (word) => {
        asked.push(word);
        return readings[word] ?? null;
      },
      readAlsoAsSpelled: ["martini", "daiquiri", "daiquiris"],
    });
    // The same reading twice is one entry; a word that is not a name keeps the dictionary's only.
    expect(result.pronunciations.get("martini")).toEqual(["M AA R T IY N IY"]);
    expect(result.pronunciations.get("daiquiri")).toEqual(["D AY K ER IY", "D EY K W IY R IY"]);
    expect(result.pronunciations.get("daiquiris")).toEqual(["D AY K ER IY Z", "D EY K W IY R IY Z"]);
    expect(result.pronunciations.get("tab")).toEqual(["T AE B", "T AH B"]);
    expect(result.generated).toEqual([]);
    expect(asked.sort()).toEqual(["daiquiri", "daiquiri", "martini"]);
  });

  it("pluralises a singular espeak-ng pronounced, rather than asking it to read the plural ('ipas' is not 'IH P AH Z')", async () => {
    const asked: string[] = [];
    const result = await pronounce(["ipa", "ipas"], {
      dictionaryPath,
      espeak: async (word) => {
        asked.push(word);
        return word === "ipa" ? "AY P IY EY" : "IH P AH Z";
      },
    });
    expect(result.pronunciations.get("ipas")).toEqual(["AY P IY EY Z"]);
    expect(result.generated).toEqual(["ipa"]);
    expect(asked).toEqual(["ipa"]);
  });
});
