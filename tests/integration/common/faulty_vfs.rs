//! A SQLite VFS over the platform's own that keeps, for every file under a chosen
//! folder, the writes not yet made durable by a sync, so a test can pull the plug: at
//! the N-th write the files go back to what was synced, plus a seeded random subset of
//! what was not (a disk may persist any of them, in any order), and the process dies on
//! the spot. It can also fail the N-th write with an I/O error and carry on.
//!
//! Registered as the process's default VFS, so the app's own code runs over it
//! unchanged: use it only in a child process of its own (see `durability.rs`).

use std::collections::HashMap;
use std::ffi::{c_char, c_int, c_void, CStr};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use rusqlite::ffi;

/// What to do, counted over the writes to files under `under`.
#[derive(Debug, Clone)]
pub enum Plan {
    /// Count only.
    Count,
    /// Power fails at write `at` (1-based): unsynced writes are each kept or lost by
    /// `seed`, then the process aborts.
    PowerLoss { at: u64, seed: u64 },
    /// Write `at` fails with `SQLITE_IOERR_WRITE`; everything else goes through.
    FailWrite { at: u64 },
}

/// A change not yet synced: enough to undo it and to do it again.
enum Change {
    Write {
        offset: i64,
        data: Vec<u8>,
        old: Vec<u8>,
        old_size: i64,
    },
    Truncate {
        size: i64,
        old_size: i64,
        tail: Vec<u8>,
    },
}

struct State {
    under: PathBuf,
    plan: Plan,
    writes: u64,
    /// Unsynced changes by file path, oldest first.
    pending: HashMap<String, Vec<Change>>,
}

fn state() -> &'static Mutex<State> {
    static STATE: OnceLock<Mutex<State>> = OnceLock::new();
    STATE.get_or_init(|| {
        Mutex::new(State {
            under: PathBuf::from("/nonexistent"),
            plan: Plan::Count,
            writes: 0,
            pending: HashMap::new(),
        })
    })
}

/// Sets the plan for files under `under` and resets the count.
pub fn plan(under: &Path, plan: Plan) {
    let mut s = state().lock().unwrap();
    s.under = under.to_path_buf();
    s.plan = plan;
    s.writes = 0;
    s.pending.clear();
}

/// Writes counted since the plan was set.
pub fn writes() -> u64 {
    state().lock().unwrap().writes
}

#[repr(C)]
struct FaultyFile {
    base: ffi::sqlite3_file,
    real: *mut ffi::sqlite3_file,
    /// The file's path (empty for a temporary file).
    path: [u8; 512],
    path_len: usize,
}

impl FaultyFile {
    /// The file's path, when it is under the plan's folder now (a file opened before
    /// the plan was set counts from then on).
    fn path(&self) -> Option<&str> {
        let path = std::str::from_utf8(&self.path[..self.path_len]).ok()?;
        let under = &state().lock().unwrap().under;
        (self.path_len > 0 && Path::new(path).starts_with(under)).then_some(path)
    }
}

struct Vfs {
    ours: ffi::sqlite3_vfs,
    real: *mut ffi::sqlite3_vfs,
}

unsafe impl Send for Vfs {}
unsafe impl Sync for Vfs {}

static VFS: OnceLock<Box<Vfs>> = OnceLock::new();

fn header() -> usize {
    std::mem::size_of::<FaultyFile>().next_multiple_of(16)
}

/// Registers the VFS as this process's default (once).
pub fn install() {
    VFS.get_or_init(|| unsafe {
        let real = ffi::sqlite3_vfs_find(std::ptr::null());
        assert!(!real.is_null());
        let mut ours = *real;
        ours.zName = c"faulty".as_ptr();
        ours.szOsFile = (*real).szOsFile + header() as c_int;
        ours.xOpen = Some(x_open);
        ours.xDelete = Some(x_delete);
        ours.pNext = std::ptr::null_mut();
        let vfs = Box::new(Vfs { ours, real });
        let rc = ffi::sqlite3_vfs_register(&vfs.ours as *const _ as *mut _, 1);
        assert_eq!(rc, ffi::SQLITE_OK);
        vfs
    });
}

fn real_vfs() -> *mut ffi::sqlite3_vfs {
    VFS.get().unwrap().real
}

static METHODS: ffi::sqlite3_io_methods = ffi::sqlite3_io_methods {
    iVersion: 3,
    xClose: Some(x_close),
    xRead: Some(x_read),
    xWrite: Some(x_write),
    xTruncate: Some(x_truncate),
    xSync: Some(x_sync),
    xFileSize: Some(x_file_size),
    xLock: Some(x_lock),
    xUnlock: Some(x_unlock),
    xCheckReservedLock: Some(x_check_reserved_lock),
    xFileControl: Some(x_file_control),
    xSectorSize: Some(x_sector_size),
    xDeviceCharacteristics: Some(x_device_characteristics),
    xShmMap: Some(x_shm_map),
    xShmLock: Some(x_shm_lock),
    xShmBarrier: Some(x_shm_barrier),
    xShmUnmap: Some(x_shm_unmap),
    xFetch: Some(x_fetch),
    xUnfetch: Some(x_unfetch),
};

unsafe fn faulty<'a>(file: *mut ffi::sqlite3_file) -> &'a mut FaultyFile {
    &mut *(file as *mut FaultyFile)
}

unsafe fn real(
    file: *mut ffi::sqlite3_file,
) -> (*mut ffi::sqlite3_file, &'static ffi::sqlite3_io_methods) {
    let real = faulty(file).real;
    (real, &*(*real).pMethods)
}

unsafe extern "C" fn x_open(
    _vfs: *mut ffi::sqlite3_vfs,
    name: ffi::sqlite3_filename,
    file: *mut ffi::sqlite3_file,
    flags: c_int,
    out_flags: *mut c_int,
) -> c_int {
    let f = faulty(file);
    f.real = (file as *mut u8).add(header()) as *mut ffi::sqlite3_file;
    f.path_len = 0;
    let rc = ((*real_vfs()).xOpen.unwrap())(real_vfs(), name, f.real, flags, out_flags);
    f.base.pMethods = if (*f.real).pMethods.is_null() {
        std::ptr::null()
    } else {
        &METHODS
    };
    if rc == ffi::SQLITE_OK && !name.is_null() {
        let path = CStr::from_ptr(name).to_string_lossy().into_owned();
        if path.len() <= f.path.len() {
            f.path[..path.len()].copy_from_slice(path.as_bytes());
            f.path_len = path.len();
        }
    }
    rc
}

unsafe extern "C" fn x_delete(
    _vfs: *mut ffi::sqlite3_vfs,
    name: *const c_char,
    sync_dir: c_int,
) -> c_int {
    if !name.is_null() {
        let path = CStr::from_ptr(name).to_string_lossy().into_owned();
        state().lock().unwrap().pending.remove(&path);
    }
    ((*real_vfs()).xDelete.unwrap())(real_vfs(), name, sync_dir)
}

unsafe extern "C" fn x_close(file: *mut ffi::sqlite3_file) -> c_int {
    let (real, m) = real(file);
    (m.xClose.unwrap())(real)
}

unsafe extern "C" fn x_read(
    file: *mut ffi::sqlite3_file,
    buf: *mut c_void,
    amount: c_int,
    offset: i64,
) -> c_int {
    let (real, m) = real(file);
    (m.xRead.unwrap())(real, buf, amount, offset)
}

unsafe fn size_of_real(file: *mut ffi::sqlite3_file) -> i64 {
    let (real, m) = real(file);
    let mut size = 0;
    (m.xFileSize.unwrap())(real, &mut size);
    size
}

/// Bytes `[offset, offset + len)` as far as the file has them.
unsafe fn read_existing(file: *mut ffi::sqlite3_file, offset: i64, len: i64, size: i64) -> Vec<u8> {
    let len = (size - offset).clamp(0, len) as usize;
    let mut out = vec![0u8; len];
    if len > 0 {
        let (real, m) = real(file);
        (m.xRead.unwrap())(real, out.as_mut_ptr() as *mut c_void, len as c_int, offset);
    }
    out
}

/// Counts a write; returns whether this one must fail. Pulls the plug when the plan
/// says so (never returns then).
fn count_write() -> bool {
    let mut s = state().lock().unwrap();
    s.writes += 1;
    match s.plan {
        Plan::Count => false,
        Plan::FailWrite { at } => s.writes == at,
        Plan::PowerLoss { at, seed } if s.writes == at => {
            pull_the_plug(&mut s, seed);
            std::process::abort();
        }
        Plan::PowerLoss { .. } => false,
    }
}

unsafe extern "C" fn x_write(
    file: *mut ffi::sqlite3_file,
    buf: *const c_void,
    amount: c_int,
    offset: i64,
) -> c_int {
    let path = faulty(file).path().map(str::to_owned);
    if let Some(path) = path {
        if count_write() {
            return ffi::SQLITE_IOERR_WRITE;
        }
        let size = size_of_real(file);
        let data = std::slice::from_raw_parts(buf as *const u8, amount as usize).to_vec();
        let old = read_existing(file, offset, amount as i64, size);
        let rc = {
            let (real, m) = real(file);
            (m.xWrite.unwrap())(real, buf, amount, offset)
        };
        if rc == ffi::SQLITE_OK {
            pending(
                path,
                Change::Write {
                    offset,
                    data,
                    old,
                    old_size: size,
                },
            );
        }
        return rc;
    }
    let (real, m) = real(file);
    (m.xWrite.unwrap())(real, buf, amount, offset)
}

/// Keeps a change made to `path` until the file is synced.
fn pending(path: String, change: Change) {
    state()
        .lock()
        .unwrap()
        .pending
        .entry(path)
        .or_default()
        .push(change);
}

unsafe extern "C" fn x_truncate(file: *mut ffi::sqlite3_file, size: i64) -> c_int {
    let path = faulty(file).path().map(str::to_owned);
    if let Some(path) = path {
        let old_size = size_of_real(file);
        let tail = read_existing(file, size, old_size - size, old_size);
        let (real, m) = real(file);
        let rc = (m.xTruncate.unwrap())(real, size);
        if rc == ffi::SQLITE_OK {
            pending(
                path,
                Change::Truncate {
                    size,
                    old_size,
                    tail,
                },
            );
        }
        return rc;
    }
    let (real, m) = real(file);
    (m.xTruncate.unwrap())(real, size)
}

unsafe extern "C" fn x_sync(file: *mut ffi::sqlite3_file, flags: c_int) -> c_int {
    let (real, m) = real(file);
    let rc = (m.xSync.unwrap())(real, flags);
    if rc == ffi::SQLITE_OK {
        if let Some(path) = faulty(file).path() {
            state().lock().unwrap().pending.remove(path);
        }
    }
    rc
}

/// The power fails: every file goes back to what was synced, then each unsynced change
/// is kept or lost (seeded) and the kept ones are made again in order.
fn pull_the_plug(s: &mut State, seed: u64) {
    use std::fs::OpenOptions;
    use std::os::unix::fs::FileExt;
    let mut dice = seed | 1;
    let mut keep = || {
        dice ^= dice << 13;
        dice ^= dice >> 7;
        dice ^= dice << 17;
        dice.is_multiple_of(2)
    };
    for (path, changes) in s.pending.drain() {
        let Ok(file) = OpenOptions::new().write(true).open(&path) else {
            continue;
        };
        for change in changes.iter().rev() {
            match change {
                Change::Write {
                    offset,
                    old,
                    old_size,
                    ..
                } => {
                    file.write_all_at(old, *offset as u64).unwrap();
                    file.set_len(*old_size as u64).unwrap();
                }
                Change::Truncate {
                    size,
                    old_size,
                    tail,
                } => {
                    file.set_len(*old_size as u64).unwrap();
                    file.write_all_at(tail, *size as u64).unwrap();
                }
            }
        }
        for change in &changes {
            if !keep() {
                continue;
            }
            match change {
                Change::Write { offset, data, .. } => {
                    file.write_all_at(data, *offset as u64).unwrap();
                }
                Change::Truncate { size, .. } => file.set_len(*size as u64).unwrap(),
            }
        }
        file.sync_all().unwrap();
    }
}

unsafe extern "C" fn x_file_size(file: *mut ffi::sqlite3_file, size: *mut i64) -> c_int {
    let (real, m) = real(file);
    (m.xFileSize.unwrap())(real, size)
}

unsafe extern "C" fn x_lock(file: *mut ffi::sqlite3_file, level: c_int) -> c_int {
    let (real, m) = real(file);
    (m.xLock.unwrap())(real, level)
}

unsafe extern "C" fn x_unlock(file: *mut ffi::sqlite3_file, level: c_int) -> c_int {
    let (real, m) = real(file);
    (m.xUnlock.unwrap())(real, level)
}

unsafe extern "C" fn x_check_reserved_lock(file: *mut ffi::sqlite3_file, out: *mut c_int) -> c_int {
    let (real, m) = real(file);
    (m.xCheckReservedLock.unwrap())(real, out)
}

unsafe extern "C" fn x_file_control(
    file: *mut ffi::sqlite3_file,
    op: c_int,
    arg: *mut c_void,
) -> c_int {
    let (real, m) = real(file);
    (m.xFileControl.unwrap())(real, op, arg)
}

unsafe extern "C" fn x_sector_size(file: *mut ffi::sqlite3_file) -> c_int {
    let (real, m) = real(file);
    (m.xSectorSize.unwrap())(real)
}

unsafe extern "C" fn x_device_characteristics(file: *mut ffi::sqlite3_file) -> c_int {
    let (real, m) = real(file);
    (m.xDeviceCharacteristics.unwrap())(real)
}

unsafe extern "C" fn x_shm_map(
    file: *mut ffi::sqlite3_file,
    page: c_int,
    size: c_int,
    extend: c_int,
    out: *mut *mut c_void,
) -> c_int {
    let (real, m) = real(file);
    (m.xShmMap.unwrap())(real, page, size, extend, out)
}

unsafe extern "C" fn x_shm_lock(
    file: *mut ffi::sqlite3_file,
    offset: c_int,
    n: c_int,
    flags: c_int,
) -> c_int {
    let (real, m) = real(file);
    (m.xShmLock.unwrap())(real, offset, n, flags)
}

unsafe extern "C" fn x_shm_barrier(file: *mut ffi::sqlite3_file) {
    let (real, m) = real(file);
    (m.xShmBarrier.unwrap())(real)
}

unsafe extern "C" fn x_shm_unmap(file: *mut ffi::sqlite3_file, delete: c_int) -> c_int {
    let (real, m) = real(file);
    (m.xShmUnmap.unwrap())(real, delete)
}

/// No memory mapping: every read and write goes through the methods above.
unsafe extern "C" fn x_fetch(
    _file: *mut ffi::sqlite3_file,
    _offset: i64,
    _amount: c_int,
    out: *mut *mut c_void,
) -> c_int {
    *out = std::ptr::null_mut();
    ffi::SQLITE_OK
}

unsafe extern "C" fn x_unfetch(
    _file: *mut ffi::sqlite3_file,
    _offset: i64,
    _p: *mut c_void,
) -> c_int {
    ffi::SQLITE_OK
}
