/* server/dispatch.c: the method table from the service descriptors. */
#include "dispatch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nerd.pb-c.h"

struct nsrv_dispatch {
	nsrv_method *methods;
	size_t       n;
};

const ProtobufCServiceDescriptor *const nsrv_services[] = {
	&nerd__v1__recognizer__descriptor,
	&nerd__v1__health__descriptor,
	&nerd__v1__admin__descriptor,
	&nerd__v1__reflection__descriptor,
};
const size_t nsrv_n_services
    = sizeof(nsrv_services) / sizeof(nsrv_services[0]);

static const nsrv_handler *
find_handler(const nsrv_handler *handlers, size_t n, const char *service,
    const char *method)
{
	for (size_t i = 0; i < n; i++) {
		if (strcmp(handlers[i].service, service) == 0
		    && strcmp(handlers[i].method, method) == 0) {
			return (&handlers[i]);
		}
	}
	return (NULL);
}

int
nsrv_dispatch_alloc(nsrv_dispatch          **out,
    const ProtobufCServiceDescriptor *const *services, size_t n_services,
    const nsrv_handler *handlers, size_t n_handlers, char *err, size_t errlen)
{
	nsrv_dispatch *d;
	size_t         total = 0;
	size_t         k     = 0;

	for (size_t s = 0; s < n_services; s++) {
		total += services[s]->n_methods;
	}
	d = calloc(1, sizeof(*d));
	if (d == NULL) {
		snprintf(err, errlen, "out of memory");
		return (-1);
	}
	d->methods = calloc(total + 1, sizeof(nsrv_method));
	if (d->methods == NULL) {
		free(d);
		snprintf(err, errlen, "out of memory");
		return (-1);
	}
	for (size_t s = 0; s < n_services; s++) {
		const ProtobufCServiceDescriptor *svc = services[s];
		for (unsigned m = 0; m < svc->n_methods; m++) {
			const ProtobufCMethodDescriptor *md = &svc->methods[m];
			const nsrv_handler              *h  = find_handler(
			                  handlers, n_handlers, svc->name, md->name);
			nsrv_method *e = &d->methods[k];
			if (h == NULL) {
				snprintf(err, errlen,
				    "method /%s/%s of nerd.proto has no "
				    "handler",
				    svc->name, md->name);
				goto fail;
			}
			snprintf(e->path, sizeof(e->path), "/%s/%s", svc->name,
			    md->name);
			e->service = svc;
			e->desc    = md;
			e->fn      = h->fn;
			e->flags   = h->flags;
			k++;
		}
	}
	/* A handler nerd.proto does not declare would never be reached. */
	for (size_t i = 0; i < n_handlers; i++) {
		char path[128];
		int  found = 0;
		snprintf(path, sizeof(path), "/%s/%s", handlers[i].service,
		    handlers[i].method);
		for (size_t j = 0; j < k; j++) {
			if (strcmp(d->methods[j].path, path) == 0) {
				found = 1;
			}
		}
		if (!found) {
			snprintf(err, errlen,
			    "handler %s is not a method of nerd.proto", path);
			goto fail;
		}
	}
	d->n = k;
	*out = d;
	return (0);
fail:
	free(d->methods);
	free(d);
	return (-1);
}

void
nsrv_dispatch_free(nsrv_dispatch *d)
{
	if (d == NULL) {
		return;
	}
	free(d->methods);
	free(d);
}

const nsrv_method *
nsrv_dispatch_find(const nsrv_dispatch *d, const char *path, size_t len)
{
	for (size_t i = 0; i < d->n; i++) {
		const nsrv_method *m = &d->methods[i];
		if (strlen(m->path) == len
		    && memcmp(m->path, path, len) == 0) {
			return (m);
		}
	}
	return (NULL);
}

size_t
nsrv_dispatch_count(const nsrv_dispatch *d)
{
	return (d->n);
}

const nsrv_method *
nsrv_dispatch_method(const nsrv_dispatch *d, size_t i)
{
	return (i < d->n ? &d->methods[i] : NULL);
}
