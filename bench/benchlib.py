"""bench/benchlib.py - what the benches share: timing one command.

measure(cmd, stdin_path=None) runs cmd in a fresh python child, so that
the peak RSS it reports is cmd's own, with stdin from stdin_path (or
none) and stdout thrown away.  Returns (wall seconds, peak RSS in MiB);
exits the bench with cmd's stderr when cmd fails.
"""
import subprocess
import sys

_WRAPPER = ("import resource,subprocess,sys,time;"
            "t=time.perf_counter();"
            "r=subprocess.run(sys.argv[2:], stdin=open(sys.argv[1]) if sys.argv[1] != '-' else None,"
            " stdout=subprocess.DEVNULL);"
            "d=time.perf_counter()-t;"
            "m=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss/1024;"
            "print(f'{d} {m}');sys.exit(r.returncode)")


def measure(cmd, stdin_path=None):
    p = subprocess.run([sys.executable, "-c", _WRAPPER, stdin_path or "-"] + cmd,
                       capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"{sys.argv[0]}: {' '.join(cmd[:3])} failed: {p.stderr[-2000:]}")
    d, m = p.stdout.split()
    return float(d), float(m)
