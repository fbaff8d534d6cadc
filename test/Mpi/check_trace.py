"""Runs an MPI scenario with a profile trace and checks that nodes that ran
on worker ranks are on one track per rank ("MPI rank k", args.rank = k)."""
import json, os, subprocess, sys, tempfile

cmd = sys.argv[1:]
with tempfile.TemporaryDirectory() as d:
    trace = os.path.join(d, "trace.json")
    env = dict(os.environ, AG_PROFILE=trace)
    out = subprocess.run(cmd, env=env,
                         capture_output=True, text=True, timeout=100)
    print(out.stdout, out.stderr)
    events = json.load(open(trace))["traceEvents"]
    tracks = {e["tid"]: e["args"]["name"] for e in events
              if e.get("name") == "thread_name"}
    ranks = {e["args"]["rank"] for e in events
             if e.get("cat") == "node" and "rank" in e["args"]}
    ok = ranks == {1, 2} and sorted(tracks.values()) == ["MPI rank 1", "MPI rank 2"]
    for e in events:
        if e.get("cat") == "node" and "rank" in e["args"]:
            ok &= tracks.get(e["tid"]) == "MPI rank %d" % e["args"]["rank"]
    print("PASS trace" if ok else "FAILED: ranks %s tracks %s" % (ranks, tracks))
