#!/usr/bin/env python3
"""The image under concurrent HTTP load at a memory limit, and what one HEALTHCHECK probe costs.

  bench/load.py [--image IMAGE] [--clients 16] [--seconds 60] [--memory 64m] [--check]
                [--docker-args "--cpus 1 --pids-limit 128"] [--probes 10] [--out FILE.md]

Starts a nats-server on loopback and the image beside it: read-only, no capabilities, memory
limited without swap, 100 ms heartbeats, no CPU or PID limit unless --docker-args adds them.
CLIENTS threads then ask /health/live, /health/ready and /metrics in turn, without pause, for
SECONDS, while a NATS subscriber times the heartbeats and a watcher asks /health/ready every
250 ms. Then the image's HEALTHCHECK runs PROBES times through `docker exec`, its CPU and memory read
from the container's cgroup. Prints (and with --out writes) peak memory, request rate, answers
by status, heartbeat gaps and the probe's cost; with --check, exits 1 if the container was killed,
became not ready or did not stop with exit 0 (--on-time: or a heartbeat came late). Removes what it started.
"""
import argparse, http.client, json, os, re, shlex, socket, statistics, subprocess, sys, threading
import time, uuid
from collections import Counter
from pathlib import Path
from common import free_port

ROOT = Path(__file__).resolve().parent.parent
PATHS = ["/health/live", "/health/ready", "/metrics"]
INTERVAL_MS = 100


def sh(*cmd, check=True):
    result = subprocess.run(cmd, text=True, capture_output=True)
    if check and result.returncode != 0:
        raise SystemExit(f"load: {' '.join(cmd)} failed: {result.stderr.strip()}")
    return result.stdout.strip()


def cgroup_file(container_id, controller, name):
    for path in (f"/sys/fs/cgroup/{controller}/docker/{container_id}/{name}",
                 f"/sys/fs/cgroup/system.slice/docker-{container_id}.scope/{name}"):
        if os.path.exists(path):
            return Path(path)
    raise SystemExit(f"load: no cgroup file {name} for {container_id}")


def default_image():
    version = re.search(r"<version>(.*?)</version>", (ROOT / "pom.xml").read_text().split(
        "</parent>")[-1]).group(1)
    return f"market-data-service:{version}"


def hammer(port, stop, counts, lock):
    path_index = 0
    connection = None
    while not stop.is_set():
        path = PATHS[path_index % len(PATHS)]
        path_index += 1
        try:
            connection = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request("GET", path)
            response = connection.getresponse()
            body = response.read()
            key = f"{path} {response.status}"
            if response.status == 503 and b'"DOWN"' in body:
                key += " DOWN"
        except (OSError, http.client.HTTPException) as e:
            key = f"{path} error {type(e).__name__}"
            connection = None
        with lock:
            counts[key] += 1


def watch_readiness(port, stop, not_ready):
    while not stop.wait(0.25):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request("GET", "/health/ready")
            response = connection.getresponse()
            body = response.read()
            if response.status != 200 and b'"DOWN"' in body:
                not_ready.append(time.monotonic())
        except (OSError, http.client.HTTPException):
            not_ready.append(time.monotonic())


def sample_peak(path, stop, peak):
    """The cgroup's peak usage (page cache included) and peak anonymous memory, read while the
    cgroup exists (a killed container's goes with it)."""
    stat = path.with_name("memory.stat")
    while not stop.wait(0.2):
        try:
            peak[0] = max(peak[0], int(path.read_text()))
            rss = re.search(r"^rss (\d+)$", stat.read_text(), re.M)
            peak[1] = max(peak[1], int(rss.group(1)) if rss else 0)
        except OSError:
            return


def subscribe(nats_port, stop, arrivals):
    sock = socket.create_connection(("127.0.0.1", nats_port), timeout=1)
    sock.sendall(b'CONNECT {"verbose":false}\r\nSUB marketdata.heartbeat.> 1\r\n')
    buffer = b""
    while not stop.is_set():
        try:
            data = sock.recv(65536)
        except socket.timeout:
            continue
        now = time.monotonic()
        buffer += data
        arrivals.extend([now] * buffer.count(b"MSG "))
        if b"PING\r\n" in buffer:
            sock.sendall(b"PONG\r\n")
        buffer = buffer[buffer.rfind(b"\r\n") + 2:]
    sock.close()


def cgroup_cost(container_id, command):
    """CPU (cpuacct) and memory (peak above the usage before) of one `docker exec`, in the cgroup,
    less the service's own CPU over the same time."""
    usage = cgroup_file(container_id, "cpuacct", "cpuacct.usage")
    peak = cgroup_file(container_id, "memory", "memory.max_usage_in_bytes")
    memory = cgroup_file(container_id, "memory", "memory.usage_in_bytes")
    before_cpu, start = int(usage.read_text()), time.monotonic()
    time.sleep(0.5)
    idle_rate = (int(usage.read_text()) - before_cpu) / (time.monotonic() - start)
    peak.write_text("0")
    before_memory, before_cpu, start = int(memory.read_text()), int(usage.read_text()), time.monotonic()
    code = subprocess.run(["docker", "exec", *command], capture_output=True).returncode
    cpu = int(usage.read_text()) - before_cpu - idle_rate * (time.monotonic() - start)
    return cpu / 1e6, max(0, int(peak.read_text()) - before_memory) / 2**20, code


def probe_cost(container_id, healthcheck, runs):
    """Medians of RUNS: the HEALTHCHECK, and the same binary with a bad port (docker exec's own
    cost, which any HEALTHCHECK command pays), each in the container's cgroup."""
    probes = [cgroup_cost(container_id, [container_id] + healthcheck) for _ in range(runs)]
    execs = [cgroup_cost(container_id, ["-e", "HEALTH_PORT=none", container_id] + healthcheck)
             for _ in range(runs)]
    median = lambda rows, i: round(statistics.median(row[i] for row in rows), 1)
    return median(probes, 0), median(probes, 1), median(execs, 0), median(execs, 1), \
        sorted({row[2] for row in probes})


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--image", default=default_image())
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--memory", default="64m")
    parser.add_argument("--docker-args", default="")
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--on-time", action="store_true",
                        help="with --check, also fail on a heartbeat gap over two intervals")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--probes", type=int, default=10,
                        help="HEALTHCHECK runs to measure (1: only its exit, as CI checks)")
    args = parser.parse_args()

    nats_port, port = free_port(), free_port()
    nats = subprocess.Popen(["/usr/sbin/nats-server", "-a", "127.0.0.1", "-p", str(nats_port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    name = f"mds-load-{uuid.uuid4().hex[:12]}"
    container = None
    try:
        container = sh("docker", "run", "-d", "--name", name, "--network", "host",
                       "--read-only", "--tmpfs", "/tmp", "--cap-drop", "ALL",
                       "--security-opt", "no-new-privileges",
                       "--memory", args.memory, "--memory-swap", args.memory,
                       *shlex.split(args.docker_args),
                       "-e", f"NATS_URL=nats://127.0.0.1:{nats_port}", "-e", f"HEALTH_PORT={port}",
                       "-e", f"HEARTBEAT_INTERVAL={INTERVAL_MS}ms", args.image)
        deadline = time.monotonic() + 60
        while subprocess.run(["curl", "-sf", f"http://127.0.0.1:{port}/health/ready"],
                             capture_output=True).returncode != 0:
            if time.monotonic() > deadline:
                raise SystemExit("load: not ready within 60 s\n" + sh("docker", "logs", name))
            time.sleep(0.1)
        peak_file = cgroup_file(container, "memory", "memory.max_usage_in_bytes")
        peak_file.write_text("0")

        stop, lock, counts = threading.Event(), threading.Lock(), Counter()
        arrivals, not_ready, peak = [], [], [0, 0]
        threads = [threading.Thread(target=hammer, args=(port, stop, counts, lock))
                   for _ in range(args.clients)]
        threads += [threading.Thread(target=watch_readiness, args=(port, stop, not_ready)),
                    threading.Thread(target=subscribe, args=(nats_port, stop, arrivals)),
                    threading.Thread(target=sample_peak, args=(peak_file, stop, peak))]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        stop.wait(args.seconds)
        stop.set()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        peak_mb, peak_rss_mb = peak[0] / 2**20, peak[1] / 2**20
        state = json.loads(sh("docker", "inspect", "-f", "{{json .State}}", name))
        gaps = [(b - a) * 1000 for a, b in zip(arrivals, arrivals[1:])]
        late = [g for g in gaps if g > 2 * INTERVAL_MS]
        healthcheck = json.loads(sh("docker", "inspect", "-f", "{{json .Config.Healthcheck.Test}}",
                                    name))[1:]
        probe = None
        if state["Running"]:
            probe = probe_cost(container, healthcheck, args.probes)
        exit_code = None
        if state["Running"]:
            sh("docker", "stop", name)
            exit_code = int(sh("docker", "inspect", "-f", "{{.State.ExitCode}}", name))
    finally:
        if container:
            sh("docker", "rm", "-f", name, check=False)
        nats.terminate()
        nats.wait()

    total = sum(counts.values())
    lines = [
        f"`bench/load.py --clients {args.clients} --seconds {args.seconds} --memory {args.memory}"
        + (f" --docker-args '{args.docker_args}'" if args.docker_args else "") + "`",
        "",
        "| Measure | Value |", "|---|---|",
        f"| container killed | {'yes' if not state['Running'] else 'no'} (OOMKilled: {state['OOMKilled']}) |",
        f"| peak memory in the cgroup: all, anonymous | {peak_mb:.1f} MiB, {peak_rss_mb:.1f} MiB"
        f" (limit {args.memory}) |",
        f"| requests | {total} ({total / elapsed:.0f}/s) |",
        *[f"| `{key}` | {value} |" for key, value in sorted(counts.items())],
        f"| not ready (watcher, every 250 ms) | {len(not_ready)} |",
        f"| heartbeats | {len(arrivals)}, every {statistics.median(gaps) if gaps else 0:.0f} ms"
        f" (median), longest gap {max(gaps, default=0):.0f} ms, {len(late)} over 200 ms |",
        f"| HEALTHCHECK in the cgroup (median of {args.probes}) | {probe[0]} ms CPU, {probe[1]} MiB, exits"
        f" {probe[4]} |" if probe else "| HEALTHCHECK | not measured: the container was gone |",
        f"| of which `docker exec` itself (same binary, bad port) | {probe[2]} ms CPU,"
        f" {probe[3]} MiB |" if probe else None,
        f"| `docker stop` | exit {exit_code} |",
    ]
    lines = [line for line in lines if line is not None]
    print("\n".join(lines))
    if args.out:
        args.out.write_text("\n".join(lines) + "\n")
    failures = []
    if not state["Running"]:
        failures.append(f"the container was killed (OOMKilled: {state['OOMKilled']})")
    if not_ready:
        failures.append(f"not ready {len(not_ready)} times")
    if args.on_time and (late or not arrivals):
        failures.append(f"{len(late)} heartbeat gaps over {2 * INTERVAL_MS} ms")
    if probe and probe[4] != [0]:
        failures.append(f"the HEALTHCHECK exited {probe[4]}")
    if exit_code != 0:
        failures.append(f"docker stop gave exit {exit_code}")
    if args.check and failures:
        raise SystemExit("load: " + "; ".join(failures))


if __name__ == "__main__":
    main()
