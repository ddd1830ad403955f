// Command etcd is the upstream etcd server (go.etcd.io/etcd/server/v3/etcdmain), at the
// version that k8s.io/kubernetes itself requires, so one build list serves all three binaries.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}
