#!/usr/bin/env python3
"""Hot methods of a JFR recording: `jfr print --events jdk.ExecutionSample --stack-depth 40 REC.jfr | bench/jfr-hot.py`.
Prints the top frames by self samples and by inclusive samples (a frame anywhere in the stack), and the
sample count per thread name. Method names only: nothing record-level."""
import collections
import re
import sys

top = int(sys.argv[1]) if len(sys.argv) > 1 else 40
self_c = collections.Counter()
incl = collections.Counter()
threads = collections.Counter()
n = 0
stack = None
thread = None
frame_re = re.compile(r"^\s+([\w$.<>]+(?:\([^)]*\))?)\s+line:")
for line in sys.stdin:
    if line.startswith("jdk.ExecutionSample"):
        stack = []
        thread = None
    elif stack is not None and "sampledThread" in line:
        m = re.search(r'sampledThread = "([^"]*)"', line)
        thread = m.group(1) if m else "?"
    elif stack is not None:
        m = frame_re.match(line)
        if m:
            stack.append(re.sub(r"\(.*\)", "", m.group(1)))
        elif line.strip() == "}":
            n += 1
            if stack:
                self_c[stack[0]] += 1
                for f in set(stack):
                    incl[f] += 1
            threads[re.sub(r"\d+", "#", thread or "?")] += 1
            stack = None
print(f"{n} samples")
print("-- self")
for f, c in self_c.most_common(top):
    print(f"{100.0 * c / n:6.1f}%  {f}")
print("-- inclusive")
for f, c in incl.most_common(top * 2):
    print(f"{100.0 * c / n:6.1f}%  {f}")
print("-- threads")
for t, c in threads.most_common(15):
    print(f"{100.0 * c / n:6.1f}%  {t}")
