//! One background thread that does the window's disk work, in the order it
//! was asked for. The window sends a job and gets a future of its result,
//! which it hands to `Task::perform`, so `update` never blocks on the disk
//! and a draft autosave can never land after the final save of the same
//! entry. The thread owns the vault handle (a SQLite connection), opened on
//! first use.

use std::future::Future;
use std::sync::mpsc;

use futures_channel::oneshot;

use crate::app::AppError;
use crate::store::paths::Paths;
use crate::store::vault::Vault;

/// What a job sees: the data folder and the vault, opened on first use.
pub struct Desk {
    paths: Paths,
    vault: Option<Vault>,
}

impl Desk {
    pub fn paths(&self) -> &Paths {
        &self.paths
    }

    /// The open vault; opened now if this is the first job that needs it.
    pub fn vault(&mut self) -> Result<&Vault, AppError> {
        if self.vault.is_none() {
            self.vault = Some(Vault::open(&self.paths)?);
        }
        Ok(self.vault.as_ref().expect("opened above"))
    }

    /// Opens the vault afresh (after a key rotation changed its public key).
    pub fn reopen(&mut self) -> Result<&Vault, AppError> {
        self.vault = None;
        self.vault()
    }
}

type Job = Box<dyn FnOnce(&mut Desk) + Send>;

/// The handle the window keeps; cheap to clone.
#[derive(Clone)]
pub struct Worker {
    jobs: mpsc::Sender<Job>,
}

impl std::fmt::Debug for Worker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Worker")
    }
}

impl Worker {
    /// Starts the thread for the vault in `paths`.
    pub fn start(paths: Paths) -> Worker {
        let (jobs, queue) = mpsc::channel::<Job>();
        std::thread::Builder::new()
            .name("between-disk".into())
            .spawn(move || {
                let mut desk = Desk { paths, vault: None };
                for job in queue {
                    job(&mut desk);
                }
            })
            .expect("start the disk thread");
        Worker { jobs }
    }

    /// Queues `job` now (so jobs run in the order they were asked for) and
    /// returns a future of its outcome, errors in words.
    pub fn run<T, F>(&self, job: F) -> impl Future<Output = Result<T, String>> + Send + 'static
    where
        T: Send + 'static,
        F: FnOnce(&mut Desk) -> Result<T, AppError> + Send + 'static,
    {
        let (reply, answer) = oneshot::channel();
        let queued = self.jobs.send(Box::new(move |desk: &mut Desk| {
            let _ = reply.send(job(desk).map_err(|e| e.to_string()));
        }));
        async move {
            queued.map_err(|_| STOPPED.to_string())?;
            answer.await.map_err(|_| STOPPED.to_string())?
        }
    }
}

const STOPPED: &str = "the background writer stopped; nothing was saved. Restart Between";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jobs_run_in_the_order_they_were_asked_for() {
        let dir = tempfile::tempdir().unwrap();
        let worker = Worker::start(Paths::under(dir.path().to_path_buf()));
        let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let futures: Vec<_> = (0..20)
            .map(|i| {
                let seen = seen.clone();
                worker.run(move |_| {
                    seen.lock().unwrap().push(i);
                    Ok(i)
                })
            })
            .collect();
        // Await them in reverse: the order of work is the order of asking.
        for (i, f) in futures.into_iter().enumerate().rev() {
            assert_eq!(futures::executor::block_on(f).unwrap(), i);
        }
        assert_eq!(*seen.lock().unwrap(), (0..20).collect::<Vec<_>>());
    }

    #[test]
    fn a_job_without_a_vault_reports_it_in_words() {
        let dir = tempfile::tempdir().unwrap();
        let worker = Worker::start(Paths::under(dir.path().to_path_buf()));
        let result = futures::executor::block_on(worker.run(|desk| desk.vault().map(|_| ())));
        assert!(result.unwrap_err().contains("vault"));
    }
}
