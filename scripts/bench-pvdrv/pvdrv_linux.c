// SPDX-License-Identifier: GPL-2.0
/*
 * pvdrv_linux: the Linux side of scripts/bench-pvdrv.sh, run in Debian's
 * Linux as a PV domU (static: its initramfs is busybox alone).
 *
 * pvdrv_linux blk DEV: what our blkfront's blk_throughput case does
 * (drivers/block/xen-blkfront_test.c), through the block device with
 * O_DIRECT so Linux's page cache is not what is measured: 8 MiB written
 * in 1 MiB calls from 4 KiB block 4608 on and fsync'd, read back the same
 * way, then 512 random 4 KiB reads one at a time inside that area.  Every
 * read is checked against the pattern written (a figure from a device
 * that returned the wrong data is no figure).  Prints
 *   pvdrv-blk: seq_write_MBps W seq_read_MBps R rand4k_iops I kib K
 * (MB = 10^6 bytes; K: KiB moved in all).
 *
 * pvdrv_linux net IFACE N: N frames of 64 bytes through a packet socket
 * to dom0's end of the vif (netback's MAC, fe:ff:ff:ff:ff:ff) with the
 * IEEE local experimental EtherType, as our netfront's net_tx_rate does;
 * timed from the first send until the interface's tx_packets counter has
 * grown by N (the frames left the driver).  Prints
 *   pvdrv-net: sent N frames of 64 bytes in U us: F frames/s
 * Around the I/O alone (not the pattern's fill and check) it opens and
 * closes windows of the instruction-count plugin (tools/perf-icount: the
 * marker is a NOP, nothing without the plugin): 46 the 1 MiB writes and
 * the fsync, 47 the 1 MiB reads, 48 the random reads (checks included,
 * as ours), 49 the frames from the first send to the counter's last.
 * Exit status 1 on any failure, with the reason on stderr.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <linux/if_packet.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#define TP_BLOCK	4608ULL		/* as blk_throughput's */
#define CHUNK		(1 << 20)
#define CHUNKS		8
#define RANDOM_READS	512
#define WIN_WRITE	46
#define WIN_READ	47
#define WIN_RAND	48
#define WIN_NET		49

#define MARK(code)	asm volatile("nopl %c0(%%rax)" : : "i"(0x4b4d0000 | (code)) : "memory")
#define START(id)	MARK(id)
#define STOP(id)	MARK((id) | 0x8000)

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static int fail(const char *what)
{
	fprintf(stderr, "pvdrv_linux: %s: %s\n", what, strerror(errno));
	return 1;
}

/* Each 8-byte word holds its own byte offset on the disk, xor a key. */
static void fill(uint64_t *w, uint64_t off, size_t bytes)
{
	size_t i;

	for (i = 0; i < bytes / 8; i++)
		w[i] = (off + 8 * i) ^ 0x5a5aa5a5f00dULL;
}

static int check(const uint64_t *w, uint64_t off, size_t bytes)
{
	size_t i;

	for (i = 0; i < bytes / 8; i++)
		if (w[i] != ((off + 8 * i) ^ 0x5a5aa5a5f00dULL))
			return -1;
	return 0;
}

static int blk(const char *dev)
{
	uint64_t base = TP_BLOCK * 4096, t0, wns = 0, rns = 0, x = 12345;
	void *buf;
	int fd, i;

	fd = open(dev, O_RDWR | O_DIRECT);
	if (fd < 0)
		return fail(dev);
	if (posix_memalign(&buf, 4096, CHUNK))
		return fail("posix_memalign");
	for (i = 0; i < CHUNKS; i++) {
		fill(buf, base + (uint64_t)i * CHUNK, CHUNK);
		t0 = now_ns();
		START(WIN_WRITE);
		if (pwrite(fd, buf, CHUNK, base + (uint64_t)i * CHUNK) != CHUNK)
			return fail("pwrite");
		STOP(WIN_WRITE);
		wns += now_ns() - t0;
	}
	t0 = now_ns();
	START(WIN_WRITE);
	if (fsync(fd))
		return fail("fsync");
	STOP(WIN_WRITE);
	wns += now_ns() - t0;
	for (i = 0; i < CHUNKS; i++) {
		memset(buf, 0, CHUNK);
		t0 = now_ns();
		START(WIN_READ);
		if (pread(fd, buf, CHUNK, base + (uint64_t)i * CHUNK) != CHUNK)
			return fail("pread");
		STOP(WIN_READ);
		rns += now_ns() - t0;
		if (check(buf, base + (uint64_t)i * CHUNK, CHUNK)) {
			fprintf(stderr, "pvdrv_linux: %s: MiB %d read back wrong\n", dev, i);
			return 1;
		}
	}
	t0 = now_ns();
	START(WIN_RAND);
	for (i = 0; i < RANDOM_READS; i++) {
		uint64_t off;

		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		off = base + ((x >> 33) % (CHUNKS * CHUNK / 4096)) * 4096;
		if (pread(fd, buf, 4096, off) != 4096)
			return fail("pread 4 KiB");
		if (check(buf, off, 4096)) {
			fprintf(stderr, "pvdrv_linux: %s: 4 KiB at %llu read back wrong\n",
				dev, (unsigned long long)off);
			return 1;
		}
	}
	STOP(WIN_RAND);
	t0 = now_ns() - t0;
	printf("pvdrv-blk: seq_write_MBps %llu seq_read_MBps %llu rand4k_iops %llu kib %d\n",
	       (unsigned long long)(wns ? (uint64_t)CHUNKS * CHUNK * 1000 / wns : 0),
	       (unsigned long long)(rns ? (uint64_t)CHUNKS * CHUNK * 1000 / rns : 0),
	       (unsigned long long)(t0 ? RANDOM_READS * 1000000000ULL / t0 : 0),
	       2 * CHUNKS * CHUNK / 1024 + RANDOM_READS * 4);
	return 0;
}

static long long tx_packets(const char *ifname)
{
	char path[128];
	long long v = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/sys/class/net/%s/statistics/tx_packets", ifname);
	f = fopen(path, "r");
	if (!f)
		return -1;
	if (fscanf(f, "%lld", &v) != 1)
		v = -1;
	fclose(f);
	return v;
}

static int net(const char *ifname, int n)
{
	static const unsigned char dom0[6] = { 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff };
	struct sockaddr_ll sll = { .sll_family = AF_PACKET, .sll_halen = 6 };
	unsigned char f[64];
	struct ifreq ifr;
	long long before, c;
	uint64_t t0, ns;
	int s, i;

	s = socket(AF_PACKET, SOCK_RAW, htons(0x88b5));
	if (s < 0)
		return fail("socket(AF_PACKET)");
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	if (ioctl(s, SIOCGIFFLAGS, &ifr))
		return fail(ifname);
	ifr.ifr_flags |= IFF_UP;
	if (ioctl(s, SIOCSIFFLAGS, &ifr))
		return fail("SIOCSIFFLAGS");
	if (ioctl(s, SIOCGIFHWADDR, &ifr))
		return fail("SIOCGIFHWADDR");
	memcpy(f, dom0, 6);
	memcpy(f + 6, ifr.ifr_hwaddr.sa_data, 6);
	f[12] = 0x88;
	f[13] = 0xb5;
	memset(f + 14, 0x5a, sizeof(f) - 14);
	sll.sll_ifindex = if_nametoindex(ifname);
	sll.sll_protocol = htons(0x88b5);
	memcpy(sll.sll_addr, dom0, 6);
	sleep(1);	/* carrier */
	before = tx_packets(ifname);
	if (before < 0)
		return fail("tx_packets");
	t0 = now_ns();
	START(WIN_NET);
	for (i = 0; i < n; i++) {
		if (sendto(s, f, sizeof(f), 0, (struct sockaddr *)&sll, sizeof(sll)) == sizeof(f))
			continue;
		if (errno != ENOBUFS && errno != EAGAIN)
			return fail("sendto");
		i--;		/* the queue was full: again */
		usleep(100);
	}
	while ((c = tx_packets(ifname)) >= 0 && c < before + n && now_ns() - t0 < 30000000000ULL)
		usleep(100);
	STOP(WIN_NET);
	ns = now_ns() - t0;
	if (c < before + n) {
		fprintf(stderr, "pvdrv_linux: %s: tx_packets grew by %lld, not %d\n", ifname,
			c - before, n);
		return 1;
	}
	printf("pvdrv-net: sent %d frames of 64 bytes in %llu us: %llu frames/s\n", n,
	       (unsigned long long)(ns / 1000), (unsigned long long)(n * 1000000000ULL / ns));
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc == 3 && !strcmp(argv[1], "blk"))
		return blk(argv[2]);
	if (argc == 4 && !strcmp(argv[1], "net"))
		return net(argv[2], atoi(argv[3]));
	fprintf(stderr, "usage: pvdrv_linux blk DEV | net IFACE N\n");
	return 2;
}
