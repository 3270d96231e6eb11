#!/usr/bin/env python3
"""What the stack's NATS and Prometheus use under load, to size their limits (docs/security.md).

  bench/stack_load.py [SECONDS]          default 60

Runs the compose stack with the cluster and observability profiles (three NATS nodes,
Prometheus) and three replicas beating every 100 ms, plus one subscriber on the first NATS node,
for SECONDS. Samples `docker stats` every 2 s and prints, per container, the peak memory, CPU and
PIDs, and how many heartbeats the subscriber got. Removes the stack, even on failure.
"""
import json, os, socket, subprocess, sys, threading, time, uuid
from common import free_port, compose_cli

seconds = int(sys.argv[1]) if len(sys.argv) > 1 else 60
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
project = f"mds-load-{uuid.uuid4().hex[:8]}"


ports = {k: free_port() for k in ("NATS_PORT", "NATS_2_PORT", "NATS_3_PORT", "PROMETHEUS_PORT")}
env = {**os.environ, **{k: str(v) for k, v in ports.items()},
       "HEARTBEAT_INTERVAL": "100ms",
       "NATS_URL": "nats://nats:4222,nats://nats-2:4222,nats://nats-3:4222"}
compose = compose_cli()
compose += ["-p", project, "--profile", "cluster", "--profile", "observability"]


def run(*args):
    subprocess.run(compose + list(args), cwd=root, env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def subscribe(count, stop):
    """A bare NATS client: SUB to every heartbeat, PONG to PINGs, count MSGs."""
    for _ in range(60):
        try:
            sock = socket.create_connection(("127.0.0.1", ports["NATS_PORT"]), timeout=1)
            break
        except OSError:
            time.sleep(1)
    sock.sendall(b'CONNECT {"verbose":false}\r\nSUB marketdata.heartbeat.> 1\r\n')
    sock.settimeout(1)
    buffer = b""
    while not stop.is_set():
        try:
            buffer += sock.recv(65536)
        except socket.timeout:
            continue
        count[0] += buffer.count(b"MSG ")
        if b"PING\r\n" in buffer:
            sock.sendall(b"PONG\r\n")
        buffer = buffer[buffer.rfind(b"\r\n") + 2:]
    sock.close()


def mebibytes(text):
    number, unit = float(text.rstrip("KMGiB")), text.lstrip("0123456789.")
    return number * {"B": 1 / 2**20, "KiB": 1 / 1024, "MiB": 1, "GiB": 1024}[unit]


peaks = {}
try:
    run("up", "-d", "--scale", "market-data-service=3")
    count, stop = [0], threading.Event()
    subscriber = threading.Thread(target=subscribe, args=(count, stop))
    subscriber.start()
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        stats = subprocess.run(
            ["docker", "stats", "--no-stream", "--format", "{{json .}}"]
            + subprocess.run(compose + ["ps", "-q"], cwd=root, env=env, capture_output=True,
                             text=True).stdout.split(),
            capture_output=True, text=True).stdout.splitlines()
        for line in stats:
            s = json.loads(line)
            name = s["Name"].replace(project, "").strip("_-")
            mem = mebibytes(s["MemUsage"].split(" / ")[0])
            cpu = float(s["CPUPerc"].rstrip("%"))
            pids = int(s["PIDs"])
            old = peaks.get(name, (0, 0, 0))
            peaks[name] = (max(old[0], mem), max(old[1], cpu), max(old[2], pids))
        time.sleep(2)
    stop.set()
    subscriber.join()
    print(f"{seconds} s, 3 replicas at 100 ms, {count[0]} heartbeats to the subscriber")
    print(f"{'container':<40} {'peak MiB':>9} {'peak CPU %':>11} {'peak PIDs':>10}")
    for name, (mem, cpu, pids) in sorted(peaks.items()):
        print(f"{name:<40} {mem:>9.1f} {cpu:>11.1f} {pids:>10}")
finally:
    subprocess.run(compose + ["down", "--volumes", "--timeout", "10"], cwd=root, env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
