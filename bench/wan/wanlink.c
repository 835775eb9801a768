// wanlink: a user-space WAN link between two network namespaces (the kernel here has no netem).
//
// Usage: wanlink NS_A NS_B DEV MTU [set-arguments...]
// Creates TUN device DEV (IFF_TUN | IFF_NO_PI) inside each named namespace (/run/netns/NAME),
// then moves IP packets between the two devices, in each direction through its own pipe:
// random loss -> drop-tail queue -> rate limiter (serialisation delay) -> one-way delay.
// Control: one command per line on stdin, one reply line on stdout ("ok ..." or "error: ...").
//   set delay=50ms loss=0.5% rate=1000mbit queue=100ms|queue=256kb seed=42   (any subset)
//   stats      -> ok {"ab":{...},"ba":{...}}
// Exits on stdin EOF or when its parent dies; the TUN devices vanish with it.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/if_tun.h>
#include <net/if.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#define ARENA_BYTES (256u << 20) // hard memory bound per direction, beyond any configured queue
#define MAX_PACKETS (1u << 20)
#define READ_BATCH 64

typedef struct { uint32_t off, len; int64_t due_ns; } Slot;

typedef struct {
  int in_fd, out_fd;
  uint8_t *arena;
  uint32_t write_off;
  Slot *slots;
  uint32_t head, tail; // slots[tail..head) are in flight
  int64_t link_free_ns; // when the rate limiter finishes serialising what it holds
  int64_t last_due_ns;
  uint64_t packets, bytes, loss_drops, queue_drops, overflow_drops;
} Pipe;

static struct {
  int64_t delay_ns;
  double loss; // probability 0..1
  double rate_bps; // 0 = unlimited
  int64_t queue_ns; // limit as time at the link rate (0 = not set)
  int64_t queue_bytes; // limit in bytes (0 = not set)
} cfg;

static uint32_t mtu;
static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
static uint8_t scratch[65536 + 64];

static int64_t now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static double random_unit(void) { // xorshift64*
  rng_state ^= rng_state >> 12;
  rng_state ^= rng_state << 25;
  rng_state ^= rng_state >> 27;
  return (double)((rng_state * 0x2545f4914f6cdd1dull) >> 11) / 9007199254740992.0;
}

static void die(const char *what) {
  fprintf(stderr, "wanlink: %s: %s\n", what, strerror(errno));
  exit(1);
}

static int open_tun_in_namespace(const char *ns, const char *dev) {
  char path[300];
  snprintf(path, sizeof path, "/run/netns/%s", ns);
  int ns_fd = open(path, O_RDONLY | O_CLOEXEC);
  if (ns_fd < 0) die(path);
  int home_fd = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
  if (home_fd < 0) die("/proc/self/ns/net");
  if (setns(ns_fd, CLONE_NEWNET) < 0) die("setns");
  int fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) die("/dev/net/tun");
  struct ifreq ifr = {0};
  ifr.ifr_flags = IFF_TUN | IFF_NO_PI;
  snprintf(ifr.ifr_name, IFNAMSIZ, "%s", dev);
  if (ioctl(fd, TUNSETIFF, &ifr) < 0) die("TUNSETIFF");
  if (setns(home_fd, CLONE_NEWNET) < 0) die("setns back");
  close(ns_fd);
  close(home_fd);
  return fd;
}

// Where the next packet may be read to: contiguous room for one MTU, never overtaking the oldest.
static uint8_t *reserve(Pipe *p) {
  if (p->head == p->tail) p->write_off = 0;
  else if (p->head - p->tail >= MAX_PACKETS) return NULL;
  else {
    uint32_t oldest = p->slots[p->tail % MAX_PACKETS].off;
    if (p->write_off >= oldest) {
      if (ARENA_BYTES - p->write_off < mtu) {
        if (oldest <= mtu) return NULL;
        p->write_off = 0;
      }
    } else if (oldest - p->write_off <= mtu) return NULL;
  }
  return p->arena + p->write_off;
}

static void admit(Pipe *p, uint32_t len, int64_t now) {
  if (cfg.loss > 0 && random_unit() < cfg.loss) { p->loss_drops++; return; }
  int64_t due = now;
  if (cfg.rate_bps > 0) {
    int64_t start = p->link_free_ns > now ? p->link_free_ns : now;
    int64_t backlog_ns = start - now;
    int64_t serialise_ns = (int64_t)(len * 8e9 / cfg.rate_bps);
    if ((cfg.queue_ns > 0 && backlog_ns + serialise_ns > cfg.queue_ns) ||
        (cfg.queue_bytes > 0 && backlog_ns * cfg.rate_bps / 8e9 + len > cfg.queue_bytes)) {
      p->queue_drops++;
      return;
    }
    p->link_free_ns = start + serialise_ns;
    due = p->link_free_ns;
  }
  due += cfg.delay_ns;
  if (due < p->last_due_ns) due = p->last_due_ns; // a link never reorders
  p->last_due_ns = due;
  p->slots[p->head % MAX_PACKETS] = (Slot){p->write_off, len, due};
  p->head++;
  p->write_off += len;
}

static void read_packets(Pipe *p) {
  for (int i = 0; i < READ_BATCH; i++) {
    uint8_t *buf = reserve(p);
    ssize_t n = read(p->in_fd, buf ? buf : scratch, buf ? mtu : sizeof scratch);
    if (n < 0) {
      if (errno == EAGAIN || errno == EINTR) return;
      die("read tun");
    }
    if (!buf) { p->overflow_drops++; continue; }
    admit(p, (uint32_t)n, now_ns());
  }
}

// Delivers due packets; returns the time the next one is due (INT64_MAX if none).
static int64_t deliver(Pipe *p, int64_t now) {
  while (p->head != p->tail) {
    Slot *s = &p->slots[p->tail % MAX_PACKETS];
    if (s->due_ns > now) return s->due_ns;
    if (write(p->out_fd, p->arena + s->off, s->len) < 0 && errno != EAGAIN && errno != EINVAL && errno != EIO) die("write tun");
    p->packets++;
    p->bytes += s->len;
    p->tail++;
  }
  return INT64_MAX;
}

static int parse_setting(char *word) {
  char *eq = strchr(word, '=');
  if (!eq) return -1;
  *eq = 0;
  char *key = word, *unit;
  double v = strtod(eq + 1, &unit);
  if (unit == eq + 1 || v < 0) return -1;
  if (!strcmp(key, "delay")) {
    if (strcmp(unit, "ms") && strcmp(unit, "us")) return -1;
    cfg.delay_ns = (int64_t)(v * (unit[0] == 'm' ? 1e6 : 1e3));
  } else if (!strcmp(key, "loss")) {
    if (strcmp(unit, "%") || v > 100) return -1;
    cfg.loss = v / 100;
  } else if (!strcmp(key, "rate")) {
    if (!strcmp(unit, "mbit")) cfg.rate_bps = v * 1e6;
    else if (!strcmp(unit, "kbit")) cfg.rate_bps = v * 1e3;
    else if (!strcmp(unit, "gbit")) cfg.rate_bps = v * 1e9;
    else return -1;
  } else if (!strcmp(key, "queue")) {
    if (!strcmp(unit, "ms")) { cfg.queue_ns = (int64_t)(v * 1e6); cfg.queue_bytes = 0; }
    else if (!strcmp(unit, "b")) { cfg.queue_bytes = (int64_t)v; cfg.queue_ns = 0; }
    else if (!strcmp(unit, "kb")) { cfg.queue_bytes = (int64_t)(v * 1024); cfg.queue_ns = 0; }
    else return -1;
  } else if (!strcmp(key, "seed")) {
    if (*unit) return -1;
    rng_state = (uint64_t)v * 0x9e3779b97f4a7c15ull + 1;
  } else return -1;
  return 0;
}

static void print_pipe(const char *name, const Pipe *p) {
  printf("\"%s\":{\"packets\":%llu,\"bytes\":%llu,\"lossDrops\":%llu,\"queueDrops\":%llu,\"overflowDrops\":%llu,"
         "\"inFlight\":%u}", name, (unsigned long long)p->packets, (unsigned long long)p->bytes,
         (unsigned long long)p->loss_drops, (unsigned long long)p->queue_drops,
         (unsigned long long)p->overflow_drops, p->head - p->tail);
}

static void run_command(char *line, Pipe *ab, Pipe *ba) {
  char *words[16];
  int n = 0;
  for (char *w = strtok(line, " \t\r"); w && n < 16; w = strtok(NULL, " \t\r")) words[n++] = w;
  if (n == 0) return;
  if (!strcmp(words[0], "stats")) {
    printf("ok {");
    print_pipe("ab", ab);
    printf(",");
    print_pipe("ba", ba);
    printf("}\n");
  } else if (!strcmp(words[0], "set")) {
    typeof(cfg) before = cfg;
    for (int i = 1; i < n; i++) {
      char copy[64];
      snprintf(copy, sizeof copy, "%s", words[i]);
      if (parse_setting(words[i]) < 0) {
        cfg = before;
        printf("error: bad setting '%s'\n", copy);
        fflush(stdout);
        return;
      }
    }
    printf("ok\n");
  } else {
    printf("error: unknown command '%s'\n", words[0]);
  }
  fflush(stdout);
}

static void read_control(Pipe *ab, Pipe *ba) {
  static char buf[4096];
  static size_t used;
  ssize_t n = read(0, buf + used, sizeof buf - 1 - used);
  if (n == 0) exit(0);
  if (n < 0) { if (errno == EAGAIN || errno == EINTR) return; die("read stdin"); }
  used += (size_t)n;
  char *nl;
  while ((nl = memchr(buf, '\n', used))) {
    *nl = 0;
    run_command(buf, ab, ba);
    used -= (size_t)(nl + 1 - buf);
    memmove(buf, nl + 1, used);
  }
  if (used == sizeof buf - 1) used = 0; // an overlong line is discarded
}

static void init_pipe(Pipe *p, int in_fd, int out_fd) {
  *p = (Pipe){.in_fd = in_fd, .out_fd = out_fd};
  p->arena = malloc(ARENA_BYTES);
  p->slots = malloc(sizeof(Slot) * MAX_PACKETS);
  if (!p->arena || !p->slots) die("malloc");
}

int main(int argc, char **argv) {
  if (argc < 5) {
    fprintf(stderr, "usage: wanlink NS_A NS_B DEV MTU [delay=..ms loss=..%% rate=..mbit queue=..ms|..kb seed=..]\n");
    return 2;
  }
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  prctl(PR_SET_TIMERSLACK, 1UL);
  // A link's timing must not depend on how busy the host is: run ahead of ordinary processes.
  // One thread, so at most one core; the kernel's RT throttling still leaves 5 % to others.
  struct sched_param realtime = {.sched_priority = 10};
  if (sched_setscheduler(0, SCHED_FIFO, &realtime) < 0) setpriority(PRIO_PROCESS, 0, -20);
  mtu = (uint32_t)atoi(argv[4]);
  if (mtu < 576 || mtu > 65535) { fprintf(stderr, "wanlink: MTU must be 576..65535\n"); return 2; }
  rng_state ^= (uint64_t)now_ns();
  for (int i = 5; i < argc; i++) {
    if (parse_setting(argv[i]) < 0) { fprintf(stderr, "wanlink: bad setting '%s'\n", argv[i]); return 2; }
  }
  int fd_a = open_tun_in_namespace(argv[1], argv[3]);
  int fd_b = open_tun_in_namespace(argv[2], argv[3]);
  fcntl(0, F_SETFL, fcntl(0, F_GETFL) | O_NONBLOCK);
  Pipe ab, ba;
  init_pipe(&ab, fd_a, fd_b);
  init_pipe(&ba, fd_b, fd_a);
  printf("ready\n");
  fflush(stdout);

  struct pollfd fds[3] = {{.fd = fd_a, .events = POLLIN}, {.fd = fd_b, .events = POLLIN}, {.fd = 0, .events = POLLIN}};
  for (;;) {
    int64_t now = now_ns();
    int64_t next_ab = deliver(&ab, now), next_ba = deliver(&ba, now);
    int64_t next = next_ab < next_ba ? next_ab : next_ba;
    struct timespec timeout, *tp = NULL;
    if (next != INT64_MAX) {
      int64_t wait = next - now_ns();
      if (wait < 0) wait = 0;
      timeout = (struct timespec){wait / 1000000000, wait % 1000000000};
      tp = &timeout;
    }
    if (ppoll(fds, 3, tp, NULL) < 0 && errno != EINTR) die("ppoll");
    if (fds[0].revents & POLLIN) read_packets(&ab);
    if (fds[1].revents & POLLIN) read_packets(&ba);
    if (fds[2].revents & (POLLIN | POLLHUP)) read_control(&ab, &ba);
  }
}
