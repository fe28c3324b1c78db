#!/usr/bin/env python3
"""A fake `docker` (and `docker-compose`) for the fast tests; the real engine is in the *ITest suites.

It behaves like the Docker CLI with the Compose v2 plugin for the commands the engine uses, keeps its state
(images, containers, the calls it received) in FAKE_DOCKER_STATE, and prints the shapes of the real CLI:
`docker compose config --format json`, `docker inspect` (an array), `docker image inspect --format {{.Id}}` (one
id per line, names resolved as the daemon does: `docker.io/library/app:1` is `app:1`), and `version:` in a
compose file gets Compose's "obsolete" warning on stderr before anything else. A service whose `command` runs
`true` is a one-shot: its container exits 0 at once.

Installed as `docker-compose` it is Compose v1: no `--wait`, no `--format`, no JSON config.

FAKE_DOCKER_MODE (comma separated) makes it fail the way real deployments fail:
  build-error        `compose build` fails
  build-error-quotes-secret  `compose build` fails with an error line that quotes the first build secret's value
  exit-at-once       the new image of FAKE_DOCKER_SERVICE (default web) exits with code 1 as soon as it starts
  never-healthy      the new image runs but its healthcheck reports unhealthy
  restart-loop       the new image keeps restarting: every `docker inspect` sees one more restart
  old-container-kept `compose up` keeps the old container of that service (docker/compose#9308)
  daemon-down        every daemon call fails with "Cannot connect to the Docker daemon"
  no-v2              `docker compose` is an unknown command (only docker-compose v1 works)
  hang-build         `compose build` never returns; hang-up: `compose up` never returns;
  hang-daemon        every daemon call never returns (an ssh DOCKER_HOST that does not answer)
  stale-run-container `compose up` leaves an exited one-off container of web (from `docker compose run`)
  slow-start         the new image's healthcheck stays `starting`: `up --wait` runs out of its --wait-timeout
  terminal-codes     `compose logs` writes terminal codes (ESC[2K, colours) around its lines, as through a pty
"""
import fcntl
import hashlib
import json
import os
import sys
import time

STATE_DIR = os.environ["FAKE_DOCKER_STATE"]
STATE_FILE = os.path.join(STATE_DIR, "state.json")
MODES = set(m for m in os.environ.get("FAKE_DOCKER_MODE", "").split(",") if m)
TARGET = os.environ.get("FAKE_DOCKER_SERVICE", "web")
FAILING_BEHAVIOURS = ("exit-at-once", "never-healthy", "restart-loop", "old-container-kept", "slow-start")


def load():
    if not os.path.exists(STATE_FILE):
        return {"images": {}, "behaviour": {}, "containers": {}, "counter": 0}
    with open(STATE_FILE) as f:
        return json.load(f)


def save(state):
    tmp = STATE_FILE + ".tmp"
    with open(tmp, "w") as f:
        json.dump(state, f, indent=1)
    os.replace(tmp, STATE_FILE)


def record(argv):
    with open(os.path.join(STATE_DIR, "calls.log"), "a") as f:
        f.write(" ".join(argv) + "\n")
    with open(os.path.join(STATE_DIR, "env.log"), "a") as f:
        f.write(json.dumps({"DOCKER_HOST": os.environ.get("DOCKER_HOST")}) + "\n")


def fail(message, code=1):
    sys.stderr.write(message + "\n")
    sys.exit(code)


def new_id(state, seed):
    state["counter"] += 1
    return hashlib.sha256(("%s-%d" % (seed, state["counter"])).encode()).hexdigest()


def full_name(name):
    """The name as the daemon keeps and lists it: tag added, Docker Hub's default prefixes dropped."""
    for prefix in ("docker.io/library/", "index.docker.io/library/", "docker.io/", "index.docker.io/"):
        if name.startswith(prefix):
            name = name[len(prefix):]
            break
    last = name.rsplit("/", 1)[-1]
    return name if ":" in last else name + ":latest"


def daemon_check():
    if "hang-daemon" in MODES:
        time.sleep(3600)
    if "daemon-down" in MODES:
        host = os.environ.get("DOCKER_HOST", "unix:///var/run/docker.sock")
        fail("Cannot connect to the Docker daemon at %s. Is the docker daemon running?" % host)


# ---------------------------------------------------------------- compose file (the small YAML subset the tests use)

PARSED = {}  # what parse_compose read besides services and secrets: the top-level name


def parse_compose(files):
    services, secrets = {}, {}
    warnings = []
    for path in files:
        if not os.path.exists(path):
            fail("open %s: no such file or directory" % os.path.abspath(path), 14)
        section, current, sub, dependency = None, None, None, None
        with open(path) as f:
            lines = f.read().split("\n")
        for number, raw in enumerate(lines, 1):
            line = raw.split("#", 1)[0].rstrip()
            if not line.strip():
                continue
            indent = len(line) - len(line.lstrip(" "))
            if "\t" in line or indent % 2 == 1 or ":" not in line:
                fail("yaml: line %d: did not find expected key" % number, 15)
            key, _, value = line.strip().partition(":")
            value = value.strip()
            if indent == 4:
                sub = key
            if indent == 0:
                section, current = key, None
                if key == "name":
                    PARSED["name"] = value
                if key == "version":
                    warnings.append('time="2026-11-24T16:00:00Z" level=warning msg="%s: the attribute `version` is '
                                    'obsolete, it will be ignored, please remove it to avoid potential confusion"'
                                    % os.path.abspath(path))
            elif indent == 2 and section == "services":
                current = services.setdefault(key, {"build": False, "image": None, "healthcheck": False,
                                                    "command": "", "depends_on": {}})
                dependency = None
            elif indent == 2 and section == "secrets":
                current = secrets.setdefault(key, {})
            elif indent == 4 and section == "services" and current is not None:
                if key == "build":
                    current["build"] = True
                elif key == "image":
                    current["image"] = value
                elif key == "healthcheck":
                    current["healthcheck"] = True
                elif key == "command":
                    current["command"] = value
            elif indent == 6 and section == "services" and current is not None and sub == "depends_on":
                dependency = key
                current["depends_on"][key] = {"condition": "service_started", "required": True}
            elif indent == 8 and section == "services" and dependency is not None and key == "condition":
                current["depends_on"][dependency]["condition"] = value
            elif indent == 4 and section == "secrets" and current is not None and key == "environment":
                current["environment"] = value
    if not services:
        fail("no service selected", 15)
    for warning in sorted(set(warnings)):
        sys.stderr.write(warning + "\n")
    return services, secrets


def image_name(project, name, service, v1):
    if service["image"]:
        return service["image"]
    return ("%s_%s" if v1 else "%s-%s") % (project, name)


# ---------------------------------------------------------------- containers as the daemon would report them

def status_of(container):
    """The container's state, health and exit code now, from the behaviour of the image it was created from."""
    behaviour = container["behaviour"]
    health = "healthy" if container["healthcheck"] else ""
    if behaviour == "exit-at-once":
        return "exited", "", 1
    if container.get("oneshot"):
        return "exited", "", 0
    if behaviour == "slow-start":
        return "running", "starting", 0
    if behaviour == "never-healthy":
        return "running", "unhealthy", 0
    return "running", health, 0


def ps_entry(c):
    state, health, exit_code = status_of(c)
    status = "Up 2 seconds" + (" (%s)" % health if health else "") if state == "running" else "Exited (%d) 1 second ago" % exit_code
    return {
        "Command": "\"docker-entrypoint.sh\"", "CreatedAt": "2026-11-24 16:00:00 +0000 UTC", "ExitCode": exit_code,
        "Health": health, "ID": c["id"], "Image": c["image"],
        "Labels": "com.docker.compose.project=%s,com.docker.compose.service=%s" % (c["project"], c["service"]),
        "LocalVolumes": "0", "Mounts": "", "Name": c["name"], "Names": c["name"], "Networks": c["project"] + "_default",
        "Ports": "", "Project": c["project"], "Publishers": [], "RunningFor": "2 seconds ago", "Service": c["service"],
        "Size": "0B", "State": state, "Status": status,
    }


def inspect_entry(c):
    state, health, exit_code = status_of(c)
    entry = {
        "Id": c["id"], "Created": "2026-11-24T16:00:00.000000000Z", "Path": "docker-entrypoint.sh", "Args": [],
        "State": {"Status": state, "Running": state == "running", "Paused": False, "Restarting": False,
                  "OOMKilled": False, "Dead": False, "Pid": 4242 if state == "running" else 0, "ExitCode": exit_code,
                  "Error": "", "StartedAt": "2026-11-24T16:00:01.000000000Z",
                  "FinishedAt": "0001-01-01T00:00:00Z"},
        "Image": "sha256:" + c["imageId"], "Name": "/" + c["name"], "RestartCount": c["restarts"],
        "Config": {"Image": c["image"], "Labels": {"com.docker.compose.project": c["project"],
                                                   "com.docker.compose.service": c["service"],
                                                   "com.docker.compose.oneoff": "True" if c.get("oneoff") else "False"}},
    }
    if c["healthcheck"]:
        entry["State"]["Health"] = {"Status": health, "FailingStreak": 3 if health == "unhealthy" else 0, "Log": []}
    return entry


# ---------------------------------------------------------------- docker (engine) commands

def docker_inspect(state, ids):
    daemon_check()
    found, missing = [], []
    for ident in ids:
        match = [c for c in state["containers"].values() if c["id"].startswith(ident) or c["name"] == ident]
        if match:
            container = match[0]
            if container["behaviour"] == "restart-loop":
                container["restarts"] += 1
            found.append(inspect_entry(container))
        else:
            missing.append(ident)
    save(state)
    print(json.dumps(found, indent=4))
    if missing:
        fail("Error: No such object: " + missing[0])


def resolve_image(state, ref):
    if ref.startswith("sha256:"):
        return ref[len("sha256:"):] if ref[len("sha256:"):] in state["behaviour"] else None
    return state["images"].get(full_name(ref))


def docker_ps(state, args):
    daemon_check()
    if not {"--all", "--quiet", "--no-trunc"} <= set(args):
        fail("fake docker ps: only `ps --all --quiet --no-trunc --filter label=...` is known")
    label = args[args.index("--filter") + 1]
    project = label.split("com.docker.compose.project=", 1)[1]
    for c in state["containers"].values():
        if c["project"] == project:
            print(c["id"])


def image_inspect(state, names, as_ids=False):
    daemon_check()
    found, missing = [], []
    for name in names:
        image_id = resolve_image(state, name)
        if image_id is None:
            missing.append(name)
            continue
        tags = sorted(t for t, i in state["images"].items() if i == image_id)
        found.append({"Id": "sha256:" + image_id, "RepoTags": tags, "RepoDigests": [], "Created": "2026-11-24T16:00:00Z"})
    if as_ids:
        for image in found:
            print(image["Id"])
    else:
        print(json.dumps(found, indent=4))
    if missing:
        fail("Error response from daemon: No such image: " + full_name(missing[0]))


def tag(state, source, target):
    daemon_check()
    image_id = resolve_image(state, source)
    if image_id is None:
        fail("Error response from daemon: No such image: " + full_name(source))
    state["images"][full_name(target)] = image_id
    save(state)


# ---------------------------------------------------------------- compose commands

def compose(state, args, v1):
    files, project = [], None
    while args and args[0] in ("-f", "--file", "-p", "--project-name"):
        if args[0] in ("-f", "--file"):
            files.append(args[1])
        else:
            project = args[1]
        args = args[2:]
    command, rest = args[0], args[1:]
    if command == "version":
        if os.environ.get("FAKE_VERSION_AWAITS_CONFIG"):
            # answers only once a config has started: proves the engine runs the two side by side
            await_marker("config-started", "no config started while version ran")
        print("1.29.2" if v1 else os.environ.get("FAKE_COMPOSE_VERSION", "2.29.7"))
        return
    if command == "config":
        open(os.path.join(STATE_DIR, "config-started"), "w").close()
        if os.environ.get("FAKE_CONFIG_AWAITS_PS"):
            # answers only once a docker ps has started: proves the engine's first look runs beside it
            await_marker("ps-started", "no docker ps started while config ran")
    files = files or ["docker-compose.yml"]
    services, secrets = parse_compose(files)
    # as Compose v2 names a project: -p, COMPOSE_PROJECT_NAME, the file's top-level name:, the folder
    project = project or os.environ.get("COMPOSE_PROJECT_NAME") or PARSED.get("name") or \
        os.path.basename(os.path.dirname(os.path.abspath(files[0]))).lower()
    if command == "config":
        if "--format" in rest and v1:
            fail("No such option: --format")
        if "--services" in rest:
            print("\n".join(services))
        elif "--format" in rest:
            print(json.dumps({"name": project, "services": {
                name: dict({"command": None, "entrypoint": None, "depends_on": s["depends_on"]},
                           **({"image": s["image"]} if s["image"] else {}),
                           **({"build": {"context": ".", "dockerfile": "Dockerfile"}} if s["build"] else {}))
                for name, s in services.items()}}, indent=2))
        return
    daemon_check()
    handler = {"ps": compose_ps, "build": compose_build, "up": compose_up, "logs": compose_logs}[command]
    handler(state, project, services, secrets, rest, v1)


def selected(services, rest):
    names = [a for a in rest if not a.startswith("-")]
    return [s for s in services if not names or s in names]


def compose_ps(state, project, services, secrets, rest, v1):
    if v1 and "--format" in rest:
        fail("No such option: --format")
    containers = [c for c in state["containers"].values() if c["project"] == project]
    if "-q" in rest or "--quiet" in rest:
        for c in containers:
            print(c["id"])
        return
    entries = [ps_entry(c) for c in containers]
    if os.environ.get("FAKE_COMPOSE_PS_ARRAY"):
        print(json.dumps(entries))
    else:
        for e in entries:
            print(json.dumps(e))


def compose_build(state, project, services, secrets, rest, v1):
    if "hang-build" in MODES:
        time.sleep(3600)
    args, i, names = {}, 0, []
    while i < len(rest):
        if rest[i] == "--build-arg":
            name, eq, value = rest[i + 1].partition("=")
            args[name] = value if eq else os.environ.get(name)
            i += 2
        else:
            names.append(rest[i])
            i += 1
    seen = {"build_args": args, "secrets": {k: os.environ.get(v["environment"]) for k, v in secrets.items()}}
    with open(os.path.join(STATE_DIR, "build-env.json"), "w") as f:
        json.dump(seen, f)
    for name in selected(services, names):
        service = services[name]
        if not service["build"]:
            continue
        print("#1 [%s internal] load build definition from Dockerfile" % name)
        for secret, value in seen["secrets"].items():
            print("#2 [%s] RUN --mount=type=secret,id=%s echo %s" % (name, secret, value))
        if "build-error-quotes-secret" in MODES and name == TARGET:
            fail("failed to fetch the registry with token %s: 401 Unauthorized" % next(iter(seen["secrets"].values()), ""), 17)
        if "build-error" in MODES and name == TARGET:
            print("#5 [%s 3/4] RUN npm ci" % name)
            print("#5 ERROR: process \"/bin/sh -c npm ci\" did not complete successfully: exit code: 1")
            error = "failed to solve: process \"/bin/sh -c npm ci\" did not complete successfully: exit code: 1"
            fail("\x1b[31m%s\x1b[0m" % error if "terminal-codes" in MODES else error, 17)
        image_id = new_id(state, name)
        behaviour = next((m for m in FAILING_BEHAVIOURS if m in MODES and name == TARGET), "ok")
        state["behaviour"][image_id] = behaviour
        state["images"][full_name(image_name(project, name, service, v1))] = image_id
        print("#9 naming to docker.io/library/%s done" % image_name(project, name, service, v1))
    save(state)


def compose_up(state, project, services, secrets, rest, v1):
    if v1 and "--wait" in rest:
        fail("Usage: up [options] [--scale SERVICE=NUM...] [--] [SERVICE...]\nNo such option: --wait")
    if "hang-up" in MODES:
        time.sleep(3600)
    timeout = rest[rest.index("--wait-timeout") + 1] if "--wait-timeout" in rest else None
    rest = [a for i, a in enumerate(rest) if not (i > 0 and rest[i - 1] == "--wait-timeout")]
    for name in selected(services, rest):
        service = services[name]
        ref = full_name(image_name(project, name, service, v1))
        if ref not in state["images"]:
            if service["build"]:
                fail("pull access denied for %s, repository does not exist" % ref)
            state["images"][ref] = new_id(state, ref)
            state["behaviour"][state["images"][ref]] = "ok"
        image_id = state["images"][ref]
        key = project + "/" + name
        old = state["containers"].get(key)
        if old and state["behaviour"][image_id] == "old-container-kept" and old["imageId"] != image_id:
            print(" Container %s  Running" % old["name"])
            continue
        container_name = ("%s_%s_1" if v1 else "%s-%s-1") % (project, name)
        state["containers"][key] = {
            "id": new_id(state, container_name), "name": container_name, "project": project, "service": name,
            "image": image_name(project, name, service, v1), "imageId": image_id,
            "behaviour": state["behaviour"][image_id], "healthcheck": service["healthcheck"], "restarts": 0,
            "oneshot": "true" in service["command"]}
        print(" Container %s  Recreated" % container_name)
        print(" Container %s  Started" % container_name)
    if "stale-run-container" in MODES:
        web = state["containers"][project + "/web"]
        state["containers"][project + "/web-run"] = dict(web, id=new_id(state, "run"), oneoff=True,
                                                          name=project + "-web-run-1a2b", behaviour="exit-at-once")
    save(state)
    if "--wait" in rest:
        for name in selected(services, rest):
            c = state["containers"][project + "/" + name]
            st, health, code = status_of(c)
            if st == "exited" and not (code == 0 and c.get("oneshot")):
                fail("container %s exited (%d)" % (c["name"], code))
            if health == "unhealthy":
                fail("container %s is unhealthy" % c["name"])
            if health == "starting":
                fail("application not healthy after %ss" % timeout if timeout else "application not healthy")
            print(" Container %s  %s" % (c["name"], "Exited" if st == "exited" else "Healthy"))


def compose_logs(state, project, services, secrets, rest, v1):
    tail = int(rest[rest.index("--tail") + 1]) if "--tail" in rest else None
    for name in selected(services, rest):
        c = state["containers"].get(project + "/" + name)
        if not c:
            continue
        lines = ["%s  | log line %03d" % (c["name"], i) for i in range(1, 151)]
        if c["behaviour"] == "exit-at-once":
            lines.append("%s  | Error: connect ECONNREFUSED 127.0.0.1:5432" % c["name"])
        for line in lines[-tail:] if tail else lines:
            if "terminal-codes" in MODES:
                line = "\x1b[2K\x1b[36m%s\x1b[0m\r" % line
            print(line)


def await_side_by_side():
    """FAKE_SIDE_BY_SIDE=N: a tag or image lookup answers only once N of them have started (or fails after 5 s),
    which proves the engine runs them side by side."""
    wanted = int(os.environ.get("FAKE_SIDE_BY_SIDE", "0"))
    if not wanted:
        return
    open(os.path.join(STATE_DIR, "side-by-side-%d" % os.getpid()), "w").close()
    await_true(lambda: len([n for n in os.listdir(STATE_DIR) if n.startswith("side-by-side-")]) >= wanted,
               "fewer than %d tags and image lookups ran side by side" % wanted)


def await_marker(name, message):
    """Waits until another call has left the marker file `name` in the state folder."""
    await_true(lambda: os.path.exists(os.path.join(STATE_DIR, name)), message)


def await_true(condition, message, seconds=5):
    """Waits for `condition`, checking every 10 ms; after `seconds` fails the call with `message`."""
    for _ in range(seconds * 100):
        if condition():
            return
        time.sleep(0.01)
    fail(message)


# ---------------------------------------------------------------- entry point

def main():
    program = os.path.basename(sys.argv[0])
    args = sys.argv[1:]
    record([program] + args)
    state = load()
    if program == "docker-compose":
        return compose(state, args, v1=True)
    while args and args[0] == "--context":
        args = args[2:]
    if not args:
        fail("Usage:  docker [OPTIONS] COMMAND")
    command = args[0]
    if command == "compose":
        if "no-v2" in MODES:
            fail("docker: unknown command: docker compose\n\nRun 'docker --help' for more information")
        return compose(state, args[1:], v1=False)
    if command in ("version", "info"):
        daemon_check()
        print("27.3.1")
    elif command == "ps":
        open(os.path.join(STATE_DIR, "ps-started"), "w").close()
        docker_ps(state, args[1:])
    elif command == "inspect":
        docker_inspect(state, args[1:])
    elif command == "image" and args[1] == "inspect":
        await_side_by_side()
        rest = args[2:]
        as_ids = rest[:2] == ["--format", "{{.Id}}"]
        image_inspect(state, rest[2:] if as_ids else rest, as_ids)
    elif command == "tag":
        await_side_by_side()
        # the engine runs a deploy's tags side by side: like the daemon, change the state one tag at a time
        with open(os.path.join(STATE_DIR, "tag.lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            tag(load(), args[1], args[2])
    else:
        fail("docker: unknown command: docker " + command)


if __name__ == "__main__":
    main()
