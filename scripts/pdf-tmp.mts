import { writeFileSync } from "node:fs";
import { PageClient } from "../tests/helpers/http-client.ts";

const base = process.argv[2] ?? "http://localhost:3100";
const query = process.argv[3] ?? "questionnaire=1&period=2026-10";
const client = new PageClient(base, { "accept-language": "zh-CN" });
await client.logIn("manager", "manyi-manager-demo");
let t0 = Date.now();
const page = await client.get(`/admin/reports?${query}`);
console.log("html", page.status, Date.now() - t0, "ms");
t0 = Date.now();
const pdf = await client.fetchRaw(`/admin/reports/report.pdf?${query}`);
const bytes = Buffer.from(await pdf.arrayBuffer());
console.log("pdf", pdf.status, Date.now() - t0, "ms", bytes.length);
writeFileSync("/tmp/shots/report.pdf", bytes);
t0 = Date.now();
const xlsx = await client.fetchRaw(`/admin/reports/report.xlsx?${query}`);
writeFileSync("/tmp/shots/report.xlsx", Buffer.from(await xlsx.arrayBuffer()));
console.log("xlsx", xlsx.status, Date.now() - t0, "ms");
