/* SPDX-License-Identifier: GPL-2.0 */
/* Error numbers: Linux's values, returned negated. */
#ifndef _LINUX_ERRNO_H
#define _LINUX_ERRNO_H

#define EPERM		1
#define ENOENT		2
#define ESRCH		3
#define EIO		5
#define ENXIO		6
#define E2BIG		7
#define ENOEXEC		8
#define EAGAIN		11
#define ENOMEM		12
#define EACCES		13
#define EFAULT		14
#define EBUSY		16
#define EEXIST		17
#define ENODEV		19
#define EISDIR		21
#define EINVAL		22
#define ENOSPC		28
#define EROFS		30
#define ERANGE		34
#define ENOSYS		38
#define ENOTEMPTY	39
#define ENODATA		61
#define EPROTO		71
#define EBADMSG		74
#define EOVERFLOW	75
#define EOPNOTSUPP	95
#define ENOBUFS		105
#define EISCONN		106
#define ESHUTDOWN	108
#define ETIMEDOUT	110
#define EDQUOT		122

#endif
