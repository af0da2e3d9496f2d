# An X display of our own for WebKitGTK (WebKitWebDriver's MiniBrowser has no headless
# mode). Source it, then:
#   xvfb_start   starts Xvfb on the first free display from :99 up and exports DISPLAY
#   xvfb_stop    stops that Xvfb (only the one this shell started)

XVFB_PID=""

xvfb_start() {
  local n
  for n in $(seq 99 199); do
    # A display is taken while its lock or socket exists (another Xvfb, another user).
    [ -e "/tmp/.X$n-lock" ] || [ -e "/tmp/.X11-unix/X$n" ] && continue
    Xvfb ":$n" -screen 0 1920x1200x24 -nolisten tcp >/dev/null 2>&1 &
    XVFB_PID=$!
    local _
    for _ in $(seq 1 50); do
      [ -e "/tmp/.X11-unix/X$n" ] && { export DISPLAY=":$n"; return 0; }
      kill -0 "$XVFB_PID" 2>/dev/null || break
      sleep 0.1
    done
    # Lost a race for this display (or Xvfb failed): stop it and try the next one.
    kill "$XVFB_PID" 2>/dev/null
    wait "$XVFB_PID" 2>/dev/null
    XVFB_PID=""
  done
  echo "xvfb: no free display between :99 and :199" >&2
  return 1
}

xvfb_stop() {
  [ -n "$XVFB_PID" ] || return 0
  kill "$XVFB_PID" 2>/dev/null
  wait "$XVFB_PID" 2>/dev/null
  XVFB_PID=""
}
