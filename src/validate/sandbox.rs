//! The snippet sandbox: Linux user, mount, PID and network namespaces (util-linux `unshare`), a
//! minimal read-only root, an empty environment and resource limits; refused where unavailable.
//!
//! What holds, and why `unshare` rather than bubblewrap, is the README's "Threat model" section.
//! The chain is `setpriv --pdeathsig KILL` → `unshare … --kill-child=SIGTERM` → `sh sandbox.sh`
//! (the namespace's PID 1) → node: when validate dies, however it dies, unshare gets SIGKILL,
//! PID 1 gets SIGTERM and kills everything left, and the PID namespace ends with it. Nothing is
//! written on the host: the snippet goes in through standard input onto a tmpfs that exists only
//! inside the mount namespace.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The script PID 1 runs inside the namespaces.
const SCRIPT: &str = include_str!("sandbox.sh");

/// The search path for the sandbox's own tools (never the user's PATH: an empty environment).
const TOOL_PATH: &str = "/usr/sbin:/usr/bin:/sbin:/bin";

/// Memory a snippet may map (RLIMIT_DATA): ample for any key, far below what hurts a CI runner.
pub const MEMORY_LIMIT: u64 = 1 << 30;

/// Processes and threads a snippet may have (RLIMIT_NPROC; node itself starts about ten).
pub const PROCESS_LIMIT: u32 = 64;

/// Folders that can serve as the (private) mount point of the sandbox's root, in order.
const MOUNT_POINTS: [&str; 6] = ["/srv", "/media", "/opt", "/var/tmp", "/home", "/tmp"];

/// A working sandbox for one node binary.
#[derive(Debug, Clone)]
pub struct Sandbox {
    /// The node binary, absolute and with symbolic links resolved.
    node: PathBuf,
    /// Where the sandbox's root is mounted inside its own mount namespace (never on the host).
    root: PathBuf,
}

/// `node` as the user gave it (`node`, `./node`, `/opt/node/bin/node`) made absolute, looked up
/// in PATH when it has no slash, symbolic links resolved.
pub fn resolve_node(node: &Path) -> Option<PathBuf> {
    let found = if node.components().count() == 1 && !node.starts_with(".") {
        std::env::split_paths(&std::env::var_os("PATH")?)
            .map(|dir| dir.join(node))
            .find(|p| p.is_file())?
    } else {
        node.to_path_buf()
    };
    std::fs::canonicalize(found).ok().filter(|p| p.is_file())
}

impl Sandbox {
    /// Sets up a sandbox for `node` (absolute, see [`resolve_node`]) and proves it by running an
    /// empty snippet in it; the error says why isolation is unavailable here.
    pub fn probe(node: &Path) -> Result<Self, String> {
        if !cfg!(target_os = "linux") {
            return Err("snippet isolation needs Linux namespaces".into());
        }
        let root = MOUNT_POINTS
            .iter()
            .map(PathBuf::from)
            .find(|p| p.is_dir() && !node.starts_with(p))
            .ok_or("no folder to mount the sandbox on (tried /srv, /media, /opt, /var/tmp, /home, /tmp)")?;
        let sandbox = Sandbox {
            node: node.to_path_buf(),
            root,
        };
        let mut child = sandbox
            .command("probe.cjs", &[])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start util-linux `setpriv`/`unshare`: {e}"))?;
        if let Some(mut stdin) = child.stdin.take() {
            let _ = stdin.write_all(b"0\n");
        }
        let out = child
            .wait_with_output()
            .map_err(|e| format!("the sandbox did not run: {e}"))?;
        if out.status.success() {
            Ok(sandbox)
        } else {
            let why = String::from_utf8_lossy(&out.stderr);
            let why = why.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
            Err(format!(
                "the namespace sandbox (user, mount, PID and network namespaces, with node inside a minimal root) did not run here ({}: {})",
                out.status,
                why.trim()
            ))
        }
    }

    /// The command that runs `file` (written from its standard input) in the sandbox, with
    /// node's own `flags`. Standard input is piped: write the snippet, then close it.
    pub fn command(&self, file: &str, flags: &[String]) -> Command {
        let mut cmd = Command::new("setpriv");
        cmd.env_clear()
            .env("PATH", TOOL_PATH)
            .current_dir("/")
            .args(["--pdeathsig", "KILL", "--", "unshare"])
            .args(["--user", "--map-root-user", "--net", "--pid", "--fork"])
            .args(["--kill-child=SIGTERM", "--mount-proc", "--"])
            .args(["/bin/sh", "-c", SCRIPT, "sandbox"])
            .arg(&self.root)
            .arg(&self.node)
            .arg(file)
            .arg(MEMORY_LIMIT.to_string())
            .arg(PROCESS_LIMIT.to_string())
            .args(flags)
            .stdin(Stdio::piped());
        cmd
    }

    /// Where node reads the snippet's folder, inside the sandbox.
    pub const SNIPPET_DIR: &'static str = "/s";
}
