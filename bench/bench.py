#!/usr/bin/env python3
"""Benchmark harness: our image against the baselines a user would otherwise pick.

Everything is measured in one run, on one machine, interleaved (A B C A B C ...), so that the
ratios hold even when absolute times are noisy. Needs only what .ci/run sets up: a Docker engine,
nats-server, JDK 25 and Maven.

  bench/bench.py                 full run (10 rounds), results in docs/benchmarks/
  bench/bench.py --runs 20       more rounds
  bench/bench.py --quick         smoke mode: 1 round, ours and naive only, results in a temp dir
  bench/bench.py --jar-only      the fat jar on the host only (java -jar), no images
  bench/bench.py --against REF   also measure ours as built from a git ref, interleaved (an A/B)

It changes nothing it did not create: the rebuild measurement edits a copy of the tracked files,
images are tagged <--image-repo>:<image>-<run id>, containers are named <--name-prefix>-<run id>-...,
and all of them, its temporary files and its nats-server are removed at the end (--keep-images keeps
the images).

Images (all from the same fat jar, bootstrap/target/market-data-service.jar):
  ours   the project's Dockerfile (jlink + AOT cache + distroless-style runtime)
  naive  FROM <the same JDK 25 image> + COPY jar + java -jar
  noaot  ours with the AOT cache switched off (same image, entrypoint without -XX:AOTCache)
  jib    jib-maven-plugin onto a local JRE-style base (docker://), if Jib can build here
"""

import argparse
import calendar
import csv
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from common import free_port

ROOT = Path(__file__).resolve().parent.parent
JAR = ROOT / "bootstrap" / "target" / "market-data-service.jar"
SBOM = ROOT / "bootstrap" / "target" / "market-data-service.cdx.json"
DOCKERFILE = ROOT / "Dockerfile"
JAVA_HOME = Path(os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64"))
NATS_SERVER = shutil.which("nats-server") or "/usr/sbin/nats-server"
IDLE_SECONDS = 10
READY_TIMEOUT = 60.0

TARGETS = {
    "size_ratio": 0.25,
    "size_mb": 90.0,
    "ready_ratio": 0.4,
    "ready_ms": 300.0,
    "stop_ms": 1000.0,
    "rss_mb": 60.0,
    "rebuild_s": 30.0,
}


def log(message):
    print(f"bench: {message}", flush=True)


def run(cmd, check=True, capture=True, cwd=None, env=None, timeout=600):
    result = subprocess.run(
        cmd, cwd=cwd, env=env, timeout=timeout, text=True,
        stdout=subprocess.PIPE if capture else None,
        stderr=subprocess.PIPE if capture else None)
    if check and result.returncode != 0:
        raise SystemExit(f"bench: command failed ({result.returncode}): {' '.join(map(str, cmd))}\n"
                         f"{result.stdout or ''}{result.stderr or ''}")
    return result


def http_status(port, path="/health/ready"):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=1) as response:
            return response.status
    except urllib.error.HTTPError as e:
        return e.code
    except OSError:
        return -1


def wait_ready(port, start, timeout=READY_TIMEOUT):
    while time.monotonic() - start < timeout:
        if http_status(port) == 200:
            return time.monotonic()
        time.sleep(0.005)
    raise SystemExit(f"bench: not ready within {timeout}s on port {port}")


def base_images():
    """The Dockerfile's FROM images: (builder, runtime), its stage named builder and its last."""
    text = DOCKERFILE.read_text()
    builder = re.search(r"^FROM (\S+) AS builder$", text, re.M).group(1)
    return builder, re.findall(r"^FROM (\S+)", text, re.M)[-1]


def median(values):
    return statistics.median(values) if values else None


def p90(values):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.9 * (len(ordered) - 1))))]


class NatsServer:
    def __init__(self, port=0):
        self.port = port or free_port()
        handle, self.log_path = tempfile.mkstemp(prefix="bench-nats-", suffix=".log")
        self.log = os.fdopen(handle, "w")
        self.process = subprocess.Popen([NATS_SERVER, "-a", "127.0.0.1", "-p", str(self.port)],
                                        stdout=self.log, stderr=self.log)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise SystemExit("bench: nats-server did not start")

    @property
    def url(self):
        return f"nats://127.0.0.1:{self.port}"

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)
        self.log.close()
        os.unlink(self.log_path)


# ---------------------------------------------------------------------------------------------
# Images
# ---------------------------------------------------------------------------------------------

class Session:
    """What this run names and creates, so that it touches nothing else and removes it all."""

    def __init__(self, image_repo, name_prefix, health_port, tmp):
        self.run_id = f"{os.getpid()}-{int(time.time())}"
        self.image_repo = image_repo
        self.name_prefix = name_prefix
        self.health_port = health_port
        self.tmp = tmp
        self.images = []
        self.layers = []
        self.containers = 0

    def tag(self, key):
        tag = f"{self.image_repo}:{key}-{self.run_id}"
        self.images.append(tag)
        return tag

    def container_name(self, key):
        self.containers += 1
        return f"{self.name_prefix}-{self.run_id}-{key}-{self.containers}"

    def port(self):
        return self.health_port or free_port()

    def build(self, tag, context):
        """docker build, remembering every image layer it made (not those it took from the cache):
        the legacy builder keeps a multi-stage build's earlier stages as untagged images."""
        output = run(["docker", "build", "-t", tag, str(context)]).stdout.splitlines()
        for previous, line in zip(output, output[1:]):
            made = re.match(r" ---> ([0-9a-f]{12})$", line)
            taken = "Using cache" in previous or re.match(r"Step \d+/\d+ : FROM ", previous)
            if made and not taken:
                self.layers.append(made.group(1))

    def remove_images(self):
        # Newest first: an image built FROM another one goes before it. An untagged layer that
        # something else now builds on is refused by docker, and stays.
        for tag in reversed(self.images):
            run(["docker", "rmi", tag], check=False)
        for layer in reversed(self.layers):
            tags = run(["docker", "image", "inspect", "-f", "{{len .RepoTags}}", layer], check=False)
            if tags.stdout.strip() == "0":
                run(["docker", "rmi", layer], check=False)


class Image:
    def __init__(self, key, tag, description, probe_cmd):
        self.key = key
        self.tag = tag
        self.description = description
        self.probe_cmd = probe_cmd  # argv inside the image, run chrooted on its exported root fs
        self.rootfs = None

    def size_bytes(self):
        return int(run(["docker", "image", "inspect", "-f", "{{.Size}}", self.tag]).stdout)

    def layers(self):
        out = run(["docker", "image", "inspect", "-f", "{{len .RootFS.Layers}}", self.tag]).stdout
        return int(out)


def ensure_jar():
    # Both: the image ships the SBOM beside the jar (which an offline build does not make).
    if not JAR.exists() or not SBOM.exists():
        log("fat jar or SBOM missing: building them (mvn package, tests skipped)")
        run(["./mvnw", "-B", "-ntp", "-q", "package", "-DskipTests", "-Ddocker.skip=true",
             "-pl", "bootstrap", "-am"], cwd=ROOT, capture=False)


def build_context(session, dockerfile_text, root=ROOT):
    """What .dockerignore lets in (its `!path` lines), with this Dockerfile text."""
    ctx = Path(tempfile.mkdtemp(prefix="bench-ctx-", dir=session.tmp))
    for line in (root / ".dockerignore").read_text().splitlines():
        if line.startswith("!") and (root / line[1:]).is_file():
            (ctx / line[1:]).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(root / line[1:], ctx / line[1:])
    (ctx / "Dockerfile").write_text(dockerfile_text)
    return ctx


def healthcheck_command(tag):
    return json.loads(run(["docker", "image", "inspect", "-f", "{{json .Config.Healthcheck.Test}}",
                           tag]).stdout)[1:]


def build_ours(session):
    ctx = build_context(session, DOCKERFILE.read_text())
    tag = session.tag("ours")
    session.build(tag, ctx)
    return Image("ours", tag, "jlink + AOT cache, shell-less glibc base", healthcheck_command(tag))


def existing_ours(session, image):
    """An image already built from this jar and Dockerfile (by `mvn verify`), under a tag of ours."""
    tag = session.tag("ours")
    run(["docker", "tag", image, tag])
    return Image("ours", tag, f"{image}, as built by mvn verify", healthcheck_command(tag))


def build_noaot(session, ours):
    entrypoint = json.loads(run(["docker", "image", "inspect", "-f", "{{json .Config.Entrypoint}}",
                                 ours.tag]).stdout)
    without = [part for part in entrypoint if not part.startswith("-XX:AOTCache")]
    ctx = Path(tempfile.mkdtemp(prefix="bench-noaot-", dir=session.tmp))
    (ctx / "Dockerfile").write_text(f"FROM {ours.tag}\nENTRYPOINT {json.dumps(without)}\n")
    tag = session.tag("noaot")
    session.build(tag, ctx)
    probe = [part for part in ours.probe_cmd if not part.startswith("-XX:AOTCache")]
    return Image("noaot", tag, "ours, AOT cache switched off", probe)


def build_naive(session):
    base = base_images()[0]
    ctx = build_context(session, (
        f"FROM {base}\n"
        "COPY bootstrap/target/market-data-service.jar /app/app.jar\n"
        'ENTRYPOINT ["java", "-jar", "/app/app.jar"]\n'))
    tag = session.tag("naive")
    session.build(tag, ctx)
    return Image("naive", tag, f"FROM {base} + COPY jar + java -jar",
                 ["/opt/java/openjdk/bin/java", "-jar", "/app/app.jar", "--probe"])


def slug(text):
    """A name Docker and the file system take: ours@ab/x -> ours-ab-x."""
    return re.sub(r"[^a-zA-Z0-9_.-]", "-", text)


def build_ours_at(session, ref):
    """Ours as built from another commit, to measure what a change buys within one run."""
    copy = Path(tempfile.mkdtemp(prefix="bench-ref-", dir=session.tmp))
    archive = subprocess.run(["git", "archive", ref], cwd=ROOT, check=True, capture_output=True)
    subprocess.run(["tar", "-x", "-C", str(copy)], input=archive.stdout, check=True)
    log(f"building the jar of {ref}")
    run(["./mvnw", "-B", "-ntp", "-q", "package", "-DskipTests", "-Ddocker.skip=true",
         "-pl", "bootstrap", "-am"], cwd=copy, capture=False)
    ctx = build_context(session, (copy / "Dockerfile").read_text(), root=copy)
    tag = session.tag("ref-" + slug(ref))
    session.build(tag, ctx)
    return Image(f"ours@{ref}", tag, f"the project's Dockerfile and jar at {ref}",
                 healthcheck_command(tag))


def copy_of_tracked_files(session, purpose):
    """The working tree's tracked files (as they are now), where a build may change anything."""
    copy = Path(tempfile.mkdtemp(prefix=f"bench-{purpose}-", dir=session.tmp))
    tracked = run(["git", "ls-files", "-z"], cwd=ROOT).stdout.split("\0")
    for name in filter(None, tracked):
        if (ROOT / name).is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, copy / name)
    return copy


def build_jib(session):
    """Jib onto a local JRE-style base: our runtime base plus our jlinked JRE, via docker://."""
    builder, runtime = base_images()
    ctx = Path(tempfile.mkdtemp(prefix="bench-jibbase-", dir=session.tmp))
    jre_stage = re.search(r"(RUN jlink.*?--output /opt/java/jre)", DOCKERFILE.read_text(), re.S).group(1)
    (ctx / "Dockerfile").write_text(
        f"FROM {builder} AS jre\n{jre_stage}\n"
        f"FROM {runtime}\nCOPY --from=jre /opt/java/jre /opt/java/jre\n"
        "ENV PATH=/opt/java/jre/bin:/usr/bin:/bin\n")
    base_tag = session.tag("jre-base")
    session.build(base_tag, ctx)
    tag = session.tag("jib")
    result = run(["./mvnw", "-B", "-ntp", "-q", "-Ddocker.skip=true", "-DskipTests",
                  "-pl", "bootstrap", "-am", "package",
                  "com.google.cloud.tools:jib-maven-plugin:3.5.2:dockerBuild",
                  f"-Djib.from.image=docker://{base_tag}",
                  f"-Djib.to.image={tag}",
                  "-Djib.container.mainClass=dev.marketdata.bootstrap.Main",
                  "-Djib.container.user=65532:65532",
                  "-Djib.skip=false"],
                 cwd=copy_of_tracked_files(session, "jib"), check=False, timeout=900)
    if result.returncode != 0:
        reason = (result.stdout + result.stderr).strip().splitlines()
        reason = [line for line in reason if "ERROR" in line][:3] or reason[-3:]
        return None, " / ".join(reason)
    return Image("jib", tag, "jib-maven-plugin on jlinked JRE base (docker://)",
                 ["/opt/java/jre/bin/java", "-cp", "@/app/jib-classpath-file",
                  "dev.marketdata.bootstrap.Main", "--probe"]), None


def export_rootfs(image, session):
    """The image's file system, to run its probe command under /usr/bin/time via chroot."""
    root = Path(tempfile.mkdtemp(prefix=f"bench-rootfs-{slug(image.key)}-", dir=session.tmp))
    container = run(["docker", "create", "--name",
                     session.container_name(f"{slug(image.key)}-export"),
                     image.tag]).stdout.strip()
    try:
        export = subprocess.Popen(["docker", "export", container], stdout=subprocess.PIPE)
        subprocess.run(["tar", "-x", "-C", str(root)], stdin=export.stdout, check=True)
        export.wait()
    finally:
        run(["docker", "rm", "-f", container], check=False)
    image.rootfs = root


# ---------------------------------------------------------------------------------------------
# Measurements
# ---------------------------------------------------------------------------------------------

def first_json_log_ms(container, t0_wall):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        out = run(["docker", "logs", container], check=False).stdout
        for line in out.splitlines():
            try:
                stamp = json.loads(line)["@timestamp"]
            except (ValueError, KeyError):
                continue
            # @timestamp: 2026-11-26T07:07:54.566611229Z (UTC, nanoseconds): parse to seconds.
            match = re.match(r"(.*T\d\d:\d\d:\d\d)(\.\d+)?Z", stamp)
            base = calendar.timegm(time.strptime(match.group(1), "%Y-%m-%dT%H:%M:%S"))
            frac = float(match.group(2) or 0)
            return (base + frac - t0_wall) * 1000
        time.sleep(0.02)
    return None


def rss_mb(container):
    pid = run(["docker", "inspect", "-f", "{{.State.Pid}}", container]).stdout.strip()
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024


def probe_cost(image, port):
    """CPU time (user+sys) and peak RSS of one probe run, on the image's own files and paths
    (chroot into its exported file system, /proc mounted: the JVM resolves its libraries
    through it), against the running container's health port."""
    proc = image.rootfs / "proc"
    proc.mkdir(exist_ok=True)
    run(["mount", "-t", "proc", "proc", str(proc)])
    try:
        cmd = ["/usr/bin/time", "-f", "%U %S %M", "/usr/sbin/chroot", str(image.rootfs)]
        env = {"PATH": "/usr/bin:/bin", "HEALTH_PORT": str(port)}
        result = run(cmd + image.probe_cmd, check=False, env=env)
    finally:
        run(["umount", str(proc)], check=False)
    if result.returncode != 0:
        raise SystemExit(f"bench: the {image.key} probe said not ready ({result.returncode}): "
                         f"{result.stdout}{result.stderr}")
    user, system, max_kb = result.stderr.strip().splitlines()[-1].split()
    return (float(user) + float(system)) * 1000, int(max_kb) / 1024, result.returncode


def measure_once(session, image, nats, idle):
    port = session.port()
    name = session.container_name(slug(image.key))
    t0_wall = time.time()
    t0 = time.monotonic()
    container = run(["docker", "run", "-d", "--name", name, "--network", "host",
                     "-e", f"NATS_URL={nats.url}", "-e", f"HEALTH_PORT={port}",
                     image.tag]).stdout.strip()
    try:
        ready_ms = (wait_ready(port, t0) - t0) * 1000
        first_log_ms = first_json_log_ms(container, t0_wall)
        sample = {"ready_ms": ready_ms, "first_log_ms": first_log_ms}
        if idle:
            time.sleep(IDLE_SECONDS)
            sample["rss_mb"] = rss_mb(container)
            if image.rootfs is not None:
                cpu_ms, peak_mb, code = probe_cost(image, port)
                sample.update(probe_cpu_ms=cpu_ms, probe_peak_mb=peak_mb, probe_exit=code)
        t_stop = time.monotonic()
        run(["docker", "stop", container])
        sample["stop_ms"] = (time.monotonic() - t_stop) * 1000
        sample["exit_code"] = int(run(["docker", "inspect", "-f", "{{.State.ExitCode}}",
                                       container]).stdout)
        return sample
    finally:
        run(["docker", "rm", "-f", container], check=False)


def rebuild_seconds(session):
    """Ours only: a one-line change in an adapter class, then jar, SBOM and image again.

    On a copy of the tracked files, built once first (not timed), so that the working tree, its
    target/ folders and the jar the other images use are never touched.
    """
    copy = copy_of_tracked_files(session, "rebuild")
    package = ["./mvnw", "-B", "-ntp", "-q", "package", "-DskipTests", "-Ddocker.skip=true",
               "-Dspotless.check.skip=true", "-pl", "bootstrap", "-am"]
    run(package, cwd=copy)
    source = copy / "adapters/src/main/java/dev/marketdata/adapters/in/http/HealthHttpServer.java"
    original = source.read_text()
    marker = '"not found"'
    if marker not in original:
        return None
    source.write_text(original.replace(marker, f'"not found (bench {session.run_id})"', 1))
    start = time.monotonic()
    run(package, cwd=copy)
    ctx = build_context(session, (copy / "Dockerfile").read_text(), root=copy)
    session.build(session.tag("ours-rebuilt"), ctx)
    return time.monotonic() - start


def jar_only(session, runs, nats):
    """java -jar on the host: start -> ready and SIGTERM -> exit, plus the probe's cost."""
    java = str(JAVA_HOME / "bin" / "java")
    ready, stop = [], []
    probe = []
    for _ in range(runs):
        port = session.port()
        env = {"PATH": os.environ["PATH"], "NATS_URL": nats.url, "HEALTH_PORT": str(port)}
        t0 = time.monotonic()
        process = subprocess.Popen([java, "-jar", str(JAR)], env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        ready.append((wait_ready(port, t0) - t0) * 1000)
        cmd = ["/usr/bin/time", "-f", "%U %S %M", java, "-XX:TieredStopAtLevel=1",
               "-XX:+UseSerialGC", "-Xmx16m", "-Xss256k", "-XX:-UsePerfData", "-jar", str(JAR),
               "--probe"]
        result = run(cmd, check=False, env=env)
        user, system, max_kb = result.stderr.strip().splitlines()[-1].split()
        probe.append(((float(user) + float(system)) * 1000, int(max_kb) / 1024))
        t_stop = time.monotonic()
        process.send_signal(signal.SIGTERM)
        code = process.wait(timeout=15)
        stop.append((time.monotonic() - t_stop) * 1000)
        if code != 0:
            raise SystemExit(f"bench: java -jar exited {code} after SIGTERM")
    print(f"fat jar: {JAR.stat().st_size / 1e6:.1f} MB ({JAR.relative_to(ROOT)})")
    print(f"java -jar start -> ready: median {median(ready):.0f} ms, p90 {p90(ready):.0f} ms "
          f"({runs} runs)")
    print(f"SIGTERM -> exit 0: median {median(stop):.0f} ms, p90 {p90(stop):.0f} ms")
    print(f"probe (--probe, lean flags, no AOT cache): CPU median "
          f"{median([p[0] for p in probe]):.0f} ms, peak RSS median "
          f"{median([p[1] for p in probe]):.1f} MB")


# ---------------------------------------------------------------------------------------------
# Reports
# ---------------------------------------------------------------------------------------------

METRICS = [
    ("size_mb", "Image size (MB)"),
    ("layers", "Layers"),
    ("ready_ms", "Start -> ready (ms, median)"),
    ("ready_p90_ms", "Start -> ready (ms, p90)"),
    ("first_log_ms", "Start -> first JSON log (ms, median)"),
    ("first_log_p90_ms", "Start -> first JSON log (ms, p90)"),
    ("stop_ms", "docker stop -> exit (ms, median)"),
    ("stop_p90_ms", "docker stop -> exit (ms, p90)"),
    ("exit_codes", "Exit codes"),
    ("rss_mb", f"RSS after {IDLE_SECONDS} s idle (MB, median)"),
    ("rss_p90_mb", f"RSS after {IDLE_SECONDS} s idle (MB, p90)"),
    ("probe_cpu_ms", "Probe CPU time (ms, median)"),
    ("probe_cpu_p90_ms", "Probe CPU time (ms, p90)"),
    ("probe_peak_mb", "Probe peak RSS (MB, median)"),
    ("probe_peak_p90_mb", "Probe peak RSS (MB, p90)"),
    ("rebuild_s", "Rebuild after a one-line change (s)"),
]


SAMPLED = ["ready_ms", "first_log_ms", "stop_ms", "rss_mb", "probe_cpu_ms", "probe_peak_mb"]


def summarise(image, samples, rebuild):
    def values(key):
        return [s[key] for s in samples if s.get(key) is not None]
    row = {
        "image": image.key, "tag": image.tag, "description": image.description,
        "size_mb": image.size_bytes() / 1e6, "layers": image.layers(),
        "exit_codes": sorted(set(values("exit_code"))),
        "rebuild_s": rebuild if image.key == "ours" else None,
        "runs": len(samples), "samples": samples,
    }
    for key in SAMPLED:
        row[key] = median(values(key))
        row[key.replace("_ms", "_p90_ms").replace("_mb", "_p90_mb")] = p90(values(key))
    return row


def fmt(value):
    if value is None:
        return "n/a"
    if isinstance(value, list):
        return ",".join(map(str, value))
    if isinstance(value, float):
        return f"{value:.1f}" if value < 100 else f"{value:.0f}"
    return str(value)


def write_markdown(path, rows, notes, machine, command):
    keys = [r["image"] for r in rows]
    lines = [f"Machine: {machine}  ", f"Command: `{command}`", "",
             "| Metric | " + " | ".join(keys) + " |", "|---|" + "---|" * len(keys)]
    for key, label in METRICS:
        lines.append(f"| {label} | " + " | ".join(fmt(r.get(key)) for r in rows) + " |")
    lines += ["", *[f"- {note}" for note in notes], ""]
    path.write_text("\n".join(lines))


def write_csv(path, rows):
    keys = [key for key, _ in METRICS]
    with path.open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["image", *keys])
        for r in rows:
            writer.writerow([r["image"], *(fmt(r.get(k)) for k in keys)])


def write_svg(path, rows):
    """One small bar group per metric, one bar per image; each group scaled to its own max."""
    charted = [(k, label) for k, label in METRICS
               if k not in ("exit_codes", "layers") and "p90" not in k
               and any(isinstance(r.get(k), (int, float)) for r in rows)]
    colours = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728"]
    width, group_h, bar_h, left = 760, 22 + 18 * len(rows), 14, 250
    height = 40 + group_h * len(charted)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'font-family="sans-serif" font-size="12">',
             '<rect width="100%" height="100%" fill="white"/>']
    for i, r in enumerate(rows):
        parts.append(f'<rect x="{left + i * 120}" y="8" width="12" height="12" '
                     f'fill="{colours[i % 4]}"/><text x="{left + i * 120 + 16}" y="18">'
                     f'{r["image"]}</text>')
    y = 40
    for key, label in charted:
        parts.append(f'<text x="4" y="{y + 12}" font-weight="bold">{label}</text>')
        top = max((r.get(key) or 0) for r in rows) or 1
        for i, r in enumerate(rows):
            value = r.get(key)
            bar_y = y + 18 + i * 18 - 14
            w = 0 if value is None else max(1, (width - left - 80) * value / top)
            parts.append(f'<rect x="{left}" y="{bar_y}" width="{w:.1f}" height="{bar_h}" '
                         f'fill="{colours[i % 4]}"/>')
            parts.append(f'<text x="{left + w + 4:.1f}" y="{bar_y + 11}">{fmt(value)}</text>')
        y += group_h
    parts.append("</svg>")
    path.write_text("\n".join(parts))


def ratio(ours, other, key):
    a, b = ours.get(key), other.get(key)
    if not isinstance(a, (int, float)) or not isinstance(b, (int, float)) or b == 0:
        return None
    return ours[key] / other[key]


def verdicts(by_key):
    ours, naive = by_key["ours"], by_key.get("naive")
    checks = []

    def check(name, value, target, le=True):
        if value is None:
            checks.append(f"{name}: not measured")
            return
        ok = value <= target if le else value >= target
        checks.append(f"{name}: {value:.2f} (target {'<=' if le else '>='} {target}) "
                      f"{'MET' if ok else 'MISSED'}")

    if naive:
        check("size ours/naive", ratio(ours, naive, "size_mb"), TARGETS["size_ratio"])
        check("start->ready ours/naive", ratio(ours, naive, "ready_ms"), TARGETS["ready_ratio"])
    check("size ours (MB)", ours["size_mb"], TARGETS["size_mb"])
    check("start->ready ours median (ms)", ours["ready_ms"], TARGETS["ready_ms"])
    check("docker stop ours (ms)", ours["stop_ms"], TARGETS["stop_ms"])
    check("idle RSS ours (MB)", ours["rss_mb"], TARGETS["rss_mb"])
    check("rebuild ours (s)", ours["rebuild_s"], TARGETS["rebuild_s"])
    return checks


def machine_description():
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    docker = run(["docker", "version", "-f", "{{.Server.Version}}"]).stdout.strip()
    return f"{os.cpu_count()} cores ({cpu}), {mem / 2**20:.0f} GiB, Docker {docker}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--quick", action="store_true",
                        help="smoke mode: 1 round, ours and naive, no idle wait, temp output")
    parser.add_argument("--jar-only", action="store_true")
    parser.add_argument("--no-jib", action="store_true")
    parser.add_argument("--no-noaot", action="store_true")
    parser.add_argument("--ours-image", metavar="IMAGE",
                        help="measure this image as ours instead of building the Dockerfile "
                             "(.ci/run's smoke run: the one mvn verify built from the same jar)")
    parser.add_argument("--against", action="append", default=[], metavar="REF",
                        help="also measure ours as built from this git ref (an A/B in one run)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks",
                        help="where the results go (--quick: a temporary folder, removed)")
    parser.add_argument("--image-repo", default="mds-bench",
                        help="repository of the images it builds (tags: <image>-<run id>)")
    parser.add_argument("--name-prefix", default="mds-bench",
                        help="prefix of the containers it runs")
    parser.add_argument("--nats-port", type=int, default=0,
                        help="port of the nats-server it starts (default: a free one)")
    parser.add_argument("--health-port", type=int, default=0,
                        help="HEALTH_PORT of every run (default: a free one per run)")
    parser.add_argument("--keep-images", action="store_true",
                        help="keep the images it built (they are removed by default)")
    args = parser.parse_args()

    ensure_jar()
    nats = NatsServer(args.nats_port)
    session = Session(args.image_repo, args.name_prefix, args.health_port,
                      tempfile.mkdtemp(prefix="bench-"))
    try:
        if args.jar_only:
            jar_only(session, args.runs, nats)
            return
        runs = 1 if args.quick else args.runs
        out = Path(tempfile.mkdtemp(prefix="bench-out-", dir=session.tmp)) if args.quick else args.out
        out.mkdir(parents=True, exist_ok=True)
        notes = []
        log("building images from the same jar")
        ours = existing_ours(session, args.ours_image) if args.ours_image else build_ours(session)
        images = [ours, build_naive(session)]
        images += [build_ours_at(session, ref) for ref in args.against]
        if not args.quick and not args.no_noaot:
            images.append(build_noaot(session, ours))
        if not args.quick:
            if not args.no_jib:
                jib, why = build_jib(session)
                if jib:
                    images.append(jib)
                else:
                    notes.append(f"Jib: could not build here: {why}")
        for image in images:
            export_rootfs(image, session)
        samples = {image.key: [] for image in images}
        for round_number in range(runs):
            for image in images:
                log(f"round {round_number + 1}/{runs}: {image.key}")
                samples[image.key].append(
                    measure_once(session, image, nats, idle=not args.quick))
        rebuild = None
        if not args.quick:
            log("rebuild after a one-line change, on a copy of the tracked files")
            try:
                rebuild = rebuild_seconds(session)
            except SystemExit as failure:
                notes.append(f"Rebuild not measured: {str(failure).splitlines()[0]}")
        rows = [summarise(image, samples[image.key], rebuild) for image in images]
        by_key = {r["image"]: r for r in rows}
        checks = verdicts(by_key)
        notes += checks
        command = "bench/bench.py" + (" --quick" if args.quick else f" --runs {runs}") + (
            " --no-jib" if args.no_jib and not args.quick else "") + (
            " --no-noaot" if args.no_noaot and not args.quick else "") + "".join(
            f" --against {ref}" for ref in args.against)
        machine = machine_description()
        (out / "results.json").write_text(json.dumps(
            {"machine": machine, "command": command, "runs": runs,
             "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
             "targets": TARGETS, "results": rows, "verdicts": checks}, indent=2))
        write_csv(out / "results.csv", rows)
        write_markdown(out / "results.md", rows, notes, machine, command)
        write_svg(out / "chart.svg", rows)
        print((out / "results.md").read_text())
        if "naive" in by_key:
            for key, label in METRICS:
                value = ratio(by_key["ours"], by_key["naive"], key)
                if value is not None:
                    print(f"ours/naive {label}: {value:.2f}x")
        log(f"results in {out}")
    finally:
        nats.stop()
        if not args.keep_images:
            session.remove_images()
        run(["rm", "-rf", session.tmp], check=False)


if __name__ == "__main__":
    main()
