"""Ingest on many machines: a queue of articles in the PostgreSQL store, worked by
`babelwire worker` processes anywhere (procrastinate runs the jobs).

    enqueue.py   ingest --queue: the article and its job, in one transaction
    worker.py    the job: understand + represent outside any lock, then link
    linking.py   link the encoded articles in enqueue order, under the store's link lock
    backlog.py   what `babelwire queue` shows: counts, the oldest wait, the workers
    consolidation.py  consolidation on the cluster's count, under the link lock
    housekeeping.py   what is done is pruned after BABELWIRE_QUEUE_KEEP_HOURS
    commands.py  the `worker` and `queue` commands, and `ingest --queue`

The queue's tables and every statement on them are the store's (babelwire/store/queue.py).

An article's way: queued ─► (a worker) encoded ─► (whoever holds the link
lock) linked | known | rejected | failed. Every state change is committed with
the work it records, so a job run twice (a worker killed, a retry) redoes
nothing that was done.
"""
