#!/usr/bin/env bash
# The images' health check: GET http://127.0.0.1:$PORT<path> (default /actuator/health), healthy on a
# 200 answer. Bash's /dev/tcp instead of curl or wget, which the JRE base image does not promise to
# carry. The status line decides; the rest of the answer is read and dropped.
set -euo pipefail
path="${1:-/actuator/health}"
exec 3<>"/dev/tcp/127.0.0.1/${PORT:?PORT is not set}"
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$path" >&3
IFS= read -r -t 4 status <&3
# Read the answer to its end, so the server is not cut off mid-write.
while IFS= read -r -t 4 _ <&3; do :; done
[[ "$status" =~ ^HTTP/1\.[01]\ 200 ]]
