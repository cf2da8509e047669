// read.mjs reads PDFs with pdf.js (npm pdfjs-dist, legacy build, under
// Node.js) and prints, as one JSON array on stdout, what a reader built on
// pdf.js (Firefox's viewer) sees of each: the Info title and language, the
// XMP title, /MarkInfo, the outline, and per page the structure tree, the
// text of every marked-content sequence and the annotations. It checks
// nothing: TestPDFJSReads (pdfjs_test.go) does.
//
// Usage: node read.mjs PDF_MJS FILE.pdf... (PDF_MJS is
// pdfjs-dist/legacy/build/pdf.mjs). Written for handbill's tests.

import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

// pdf.js prints its warnings with console.log: keep stdout for the JSON.
console.log = console.error;

const [lib, ...files] = process.argv.slice(2);
const pdfjs = await import(pathToFileURL(lib).href);

// marked returns, in content order, each marked-content sequence with an
// id (an MCID: pdf.js names it pPAGEREF_mcN, as the structure tree's
// content kids do), its tag and its text; a text item's end of line is
// "\n". Sequences without an id (artifacts) are left out; text inside
// them reads as part of no sequence.
function marked(items) {
  const out = [];
  const stack = [];
  for (const it of items) {
    if (it.type === "beginMarkedContentProps" || it.type === "beginMarkedContent") {
      const seq = it.id ? { id: it.id, tag: it.tag, text: "" } : null;
      if (seq) out.push(seq);
      stack.push(seq);
    } else if (it.type === "endMarkedContent") {
      stack.pop();
    } else if (it.str !== undefined) {
      // Text belongs to the innermost sequence with an id.
      const seq = stack.findLast((s) => s !== null);
      if (seq) seq.text += it.str + (it.hasEOL ? "\n" : "");
    }
  }
  return out;
}

async function read(doc) {
  const meta = await doc.getMetadata();
  const outline = [];
  for (const o of (await doc.getOutline()) ?? []) {
    const dest = typeof o.dest === "string" ? await doc.getDestination(o.dest) : o.dest;
    outline.push({ title: o.title, page: dest ? (await doc.getPageIndex(dest[0])) + 1 : 0 });
  }
  const res = {
    title: meta.info.Title ?? "",
    lang: meta.info.Language ?? "",
    xmpTitle: meta.metadata?.get("dc:title") ?? "",
    xmpLang: meta.metadata?.get("dc:language") ?? "",
    marked: (await doc.getMarkInfo())?.Marked === true,
    outline,
    pages: [],
  };
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const text = await page.getTextContent({ includeMarkedContent: true });
    const annots = await page.getAnnotations();
    res.pages.push({
      tree: await page.getStructTree(),
      content: marked(text.items),
      annots: annots.map((a) => ({ id: a.id, subtype: a.subtype, contents: a.contentsObj?.str ?? "", url: a.url ?? "" })),
    });
  }
  return res;
}

const out = [];
for (const file of files) {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0, isEvalSupported: false }).promise;
  out.push(await read(doc));
  await doc.destroy();
}
process.stdout.write(JSON.stringify(out));
