/*
 * tests/bench_echo_test.c: nerd-echo, the benchmarks' transport baseline:
 * it answers calls with or without --work-us and refuses a bad work
 * figure.  Run as the built program, loaded by the built nerbench.
 */
#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define ECHO NERD_TEST_BINARY_DIR "/bench/nerd-echo"
#define NERBENCH NERD_TEST_BINARY_DIR "/clients/nerbench/nerbench"

/* The exit code of a shell command line, its output discarded. */
static int
run(const char *cmd)
{
	char line[1024];
	int  ws;

	snprintf(line, sizeof(line), "%s >/dev/null 2>&1", cmd);
	ws = system(line);
	cr_assert(WIFEXITED(ws), "%s did not exit", cmd);
	return (WEXITSTATUS(ws));
}

/* Starts nerd-echo on a fresh ipc:// address with extra arguments, waits
 * until it answers, makes n calls through nerbench, and stops it.
 * Returns nerbench's exit code (0: every call answered OK). */
static int
echo_calls(const char *args, int n)
{
	char  dir[] = "/tmp/nerd-echo-test-XXXXXX";
	char  url[128];
	char  cmd[512];
	pid_t pid;
	int   rv = 1;
	int   ws;

	cr_assert_not_null(mkdtemp(dir));
	snprintf(url, sizeof(url), "ipc://%s/echo.sock", dir);
	pid = fork();
	cr_assert(pid >= 0);
	if (pid == 0) {
		snprintf(cmd, sizeof(cmd), "exec %s --listen %s %s", ECHO,
		    url, args);
		execl("/bin/sh", "sh", "-c", cmd, (char *) NULL);
		_exit(127);
	}
	/* Up to 10 s for it to start; each try has its own deadline. */
	for (int i = 0; i < 100 && rv != 0; i++) {
		snprintf(cmd, sizeof(cmd),
		    "%s --connect %s -n 1 -c 1 -t 500ms --no-progress "
		    "--max-error-rate 0 -O json",
		    NERBENCH, url);
		rv = run(cmd);
		if (rv != 0) {
			nanosleep(&(struct timespec) { 0, 100000000 }, NULL);
		}
	}
	if (rv == 0) {
		snprintf(cmd, sizeof(cmd),
		    "%s --connect %s -n %d -c 4 -t 10s --no-progress "
		    "--max-error-rate 0 -O json",
		    NERBENCH, url, n);
		rv = run(cmd);
	}
	kill(pid, SIGTERM);
	waitpid(pid, &ws, 0);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	(void) run(cmd);
	return (rv);
}

Test(bench_echo, answers_every_call)
{
	cr_assert_eq(echo_calls("", 50), 0);
}

Test(bench_echo, answers_every_call_after_its_work)
{
	cr_assert_eq(echo_calls("--work-us 200", 50), 0);
}

Test(bench_echo, refuses_a_work_figure_that_is_not_a_duration)
{
	cr_assert_eq(run(ECHO " --work-us abc"), 2);
	cr_assert_eq(run(ECHO " --work-us -5"), 2);
	cr_assert_eq(run(ECHO " --work-us 10x"), 2);
	cr_assert_eq(run(ECHO " --work-us"), 2);
}
