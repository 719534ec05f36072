# A snippet's sandbox. Runs inside fresh user, mount, PID and network namespaces, as their PID 1 (see sandbox.rs).
# Builds a minimal read-only root on a tmpfs at $1, the snippet (read from stdin) in /s, and
# runs node in it with an empty environment, its own session and resource limits.
set -eu
r=$1 node=$2 file=$3 data=$4 nproc=$5
shift 5 # the rest: node's own flags (the permission model)
mount -t tmpfs -o size=16m,mode=755 levelcheck "$r"
for p in /usr /bin /sbin /lib /lib32 /lib64 /libx32; do
  if [ -L "$p" ]; then
    ln -s "$(readlink "$p")" "$r$p"
  elif [ -d "$p" ]; then
    mkdir "$r$p"
    mount --rbind "$p" "$r$p"
    mount -o remount,bind,ro "$r$p"
  fi
done
mkdir "$r/dev" "$r/proc" "$r/s" "$r/node" "$r/tmp"
for f in null zero random urandom; do
  : > "$r/dev/$f"
  mount --bind "/dev/$f" "$r/dev/$f"
done
mount --bind "${node%/*}" "$r/node"
mount -o remount,bind,ro "$r/node"
mount -t proc proc "$r/proc"
cat > "$r/s/$file"
mount -o remount,bind,ro "$r"
# PID 1 moves into the root too (so /proc/1/root is the sandbox's root, not the host's), and
# node runs there with no capabilities, an empty environment, in its own session.
exec chroot "$r" /bin/sh -c '
  trap "kill -KILL -1 2>/dev/null; exit 143" HUP INT TERM
  cd /s || exit 125
  data=$1 nproc=$2
  shift 2
  env -i NO_COLOR=1 FORCE_COLOR=0 \
    prlimit --data="$data" --nproc="$nproc" --core=0 -- \
    setpriv --no-new-privs --bounding-set=-all --inh-caps=-all -- \
    setsid "$@" </dev/null &
  wait $!
' sandbox "$data" "$nproc" "/node/${node##*/}" "$@" "/s/$file"
