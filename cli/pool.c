/*
 * pool.c - run a batch of jobs on worker threads; each takes the next
 * unclaimed job until none is left. Results stay in the jobs, so output
 * order is the input order whatever the thread count.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>

#include "cli.h"

typedef struct pool {
	px_job *jobs;
	size_t n;
	atomic_size_t next;
	void (*fn)(px_job *job, void *ctx);
	void *ctx;
} pool;

static void *worker(void *arg)
{
	pool *p = arg;

	for (;;) {
		size_t i = atomic_fetch_add(&p->next, 1);

		if (i >= p->n)
			break;
		p->fn(&p->jobs[i], p->ctx);
	}
	return NULL;
}

int px_cores(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : (n > 256 ? 256 : (int)n);
}

void px_run_parallel(px_job *jobs, size_t n, int threads,
                     void (*fn)(px_job *job, void *ctx), void *ctx)
{
	pthread_t tid[256];
	int started = 0, i;
	pool p;

	p.jobs = jobs;
	p.n = n;
	atomic_init(&p.next, 0);
	p.fn = fn;
	p.ctx = ctx;
	if (threads > 256)
		threads = 256;
	if ((size_t)threads > n)
		threads = (int)n;
	for (i = 1; i < threads; i++) {
		if (pthread_create(&tid[started], NULL, worker, &p))
			break;
		started++;
	}
	worker(&p); /* this thread works too */
	for (i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
}
