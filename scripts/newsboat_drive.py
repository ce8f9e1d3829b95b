#!/usr/bin/env python3
"""Drives newsboat as a person would, in a pseudo-terminal: open the first feed, open its first
article (which marks it read, and newsboat tells the server), back out and quit.

    newsboat_drive.py CONFIG URLS CACHE
"""
import os, pty, select, sys, time

config, urls, cache = sys.argv[1:4]
pid, fd = pty.fork()
if pid == 0:
    os.environ.update(TERM="xterm", COLUMNS="120", LINES="40")
    os.execvp("newsboat", ["newsboat", "-C", config, "-u", urls, "-c", cache])
screen = b""


def pump(seconds):
    global screen
    end = time.time() + seconds
    while time.time() < end:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                screen += os.read(fd, 65536)
            except OSError:
                return


# Start, open the first feed, open its first article, back to the list, back to the feeds, quit.
for keys, wait in [(b"", 4), (b"\r", 2), (b"\r", 3), (b"q", 1), (b"q", 1), (b"Q", 2)]:
    if keys:
        os.write(fd, keys)
    pump(wait)
_, status = os.waitpid(pid, 0)
text = screen.decode("utf-8", "replace")
if "Error" in text and "feed contains no items" not in text:
    print("newsboat showed an error:", text[-2000:], file=sys.stderr)
sys.exit(os.waitstatus_to_exitcode(status))
