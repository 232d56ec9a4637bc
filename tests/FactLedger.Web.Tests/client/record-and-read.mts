// A client generated from FactLedger's OpenAPI document, used for real: it records a claim and reads the figure.
// Types: `npx openapi-typescript <the document> -o client/api.d.mts` (the browser tests do it from the document the
// running app serves, so a change a client cannot follow fails to compile here).
// Run: FACTLEDGER_URL=http://127.0.0.1:5080 FACTLEDGER_KEY=<an editor key> node record-and-read.mjs \
//        <figure> <source> <count> "<quote>"
import createClient from "openapi-fetch";
import type { paths } from "./api.mjs";

const [figure, source, count, quote] = process.argv.slice(2);
if (!figure || !source || !count || !quote) {
  console.error("usage: node record-and-read.mjs <figure> <source> <count> <quote>");
  process.exit(64);
}
const client = createClient<paths>({ baseUrl: process.env.FACTLEDGER_URL ?? "http://127.0.0.1:5080" });
const key = process.env.FACTLEDGER_KEY ?? "";

const recorded = await client.POST("/api/claims", {
  headers: { "X-Api-Key": key },
  body: { figure, source, value: { qualifier: "exact", value: Number(count) }, quote },
});
if (recorded.error || !recorded.data) {
  console.error("not recorded:", recorded.error?.detail ?? recorded.response.status);
  process.exit(1);
}

const read = await client.GET("/api/figures/{key}", {
  params: { path: { key: figure } },
  headers: { Accept: "application/json" },
});
// The figure can also be asked for as CSV; asked for JSON, it is the figure.
if (read.error || !read.data || typeof read.data === "string") {
  console.error("not read:", read.error?.detail ?? read.response.status);
  process.exit(1);
}
const { estimate, claims } = read.data;
console.log(JSON.stringify({
  claim: recorded.data.id,
  created: recorded.data.created,
  estimate: { low: estimate.low, best: estimate.best, high: estimate.high, status: estimate.status },
  wording: estimate.wording["en"],
  claims: claims.map(c => c.id),
}));
