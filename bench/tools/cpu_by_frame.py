#!/usr/bin/env python3
"""CPU samples of a dotnet-trace sampled-thread-time trace, by method.

    dotnet-trace collect -p <app pid> --profile dotnet-sampled-thread-time --duration 00:00:00:12 -o app.nettrace
    dotnet-trace convert app.nettrace --format Speedscope -o app
    python3 bench/tools/cpu_by_frame.py app.speedscope.json [substring]

Only samples whose leaf is CPU_TIME count (the rest is threads waiting). Prints the methods
that were running (exclusive), the app and framework methods on the stack (inclusive), and, with
a substring, the callers of the first frame that contains it.
"""
import collections
import json
import sys

data = json.load(open(sys.argv[1]))
target = sys.argv[2] if len(sys.argv) > 2 else None
frames = [f["name"] for f in data["shared"]["frames"]]
exclusive, inclusive, callers = collections.Counter(), collections.Counter(), collections.Counter()
total = 0.0
for profile in data["profiles"]:
    stack, last = [], None
    for e in profile["events"]:
        t = e["at"]
        if last is not None and stack and t > last and frames[stack[-1]] == "CPU_TIME":
            w = t - last
            total += w
            names = [frames[i] for i in stack]
            exclusive[names[-2] if len(names) > 1 else "?"] += w
            for n in set(names):
                inclusive[n] += w
            if target:
                for i, n in enumerate(names):
                    if target in n:
                        callers[" <- ".join(x.split("!")[-1][:100] for x in names[max(0, i - 6):i][::-1])] += w
                        break
        last = t
        if e["type"] == "O":
            stack.append(e["frame"])
        elif stack:
            stack.pop()

print(f"CPU samples: {total:.0f} ms")
print("--- running (exclusive)")
for k, v in exclusive.most_common(25):
    print(f"{100 * v / total:5.1f}% {k[:140]}")
print("--- on the stack (inclusive; app, EF Core, Npgsql, ASP.NET Core)")
shown = 0
for k, v in inclusive.most_common(5000):
    if any(x in k for x in ("Wuye!", "EntityFrameworkCore", "Npgsql!", "AspNetCore")):
        print(f"{100 * v / total:5.1f}% {k[:150]}")
        shown += 1
        if shown >= 50:
            break
if target:
    print(f"--- callers of {target}")
    for k, v in callers.most_common(6):
        print(f"{100 * v / total:5.2f}% {k}")
