#!/usr/bin/env bash
# Runs a real Apache Kafka broker (KRaft, combined broker+controller) as a plain Java process, or with
# KAFKA_CLUSTER_SIZE=N a cluster of N such nodes (an N-voter quorum): jars come from Maven Central through
# tools/kafka/pom.xml, no Docker, no tarball.
#
#   tools/kafka/broker.sh fetch|start|stop|status|reset|provision
#   tools/kafka/broker.sh start-node|stop-node|kill-node <n>    (one node of a cluster: start, SIGTERM, SIGKILL)
#
# Every client authenticates (SASL/SCRAM-SHA-512) and the standard authorizer denies what no ACL allows.
# The super user `admin` exists for bootstrap and admin tooling only; each service has its own principal
# whose ACLs service-acls.txt lists. Passwords live in KAFKA_CREDENTIALS_FILE (generated on first start).
#
# Settings (env): KAFKA_CLUSTER_SIZE (1), KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093; KAFKA_PORT+100 for a
# cluster), KAFKA_DATA_DIR (<repo>/.data/kafka; <repo>/.data/kafka-cluster for a cluster),
# KAFKA_TLS_PORT (unset: no TLS listener; set: a SASL_SSL listener with a self-signed certificate whose PEM is
# written to $KAFKA_DATA_DIR/tls/ca.pem), KAFKA_CREDENTIALS_FILE ($KAFKA_DATA_DIR/credentials.properties),
# KAFKA_PROVISION_BOOTSTRAP (every node's client address: the brokers `provision` configures),
# KAFKA_CACHE_DIR (<repo>/.cache/kafka), KAFKA_HEAP_OPTS (-Xmx512m -Xms256m), KAFKA_OPTS (extra JVM flags),
# KAFKA_VERSION (default: <kafka.version> in pom.xml), KAFKA_START_TIMEOUT (90, seconds).
#
# A cluster's node i (1..N) listens on KAFKA_PORT+i-1 (clients and the other brokers), KAFKA_CONTROLLER_PORT+i-1
# (the quorum) and KAFKA_TLS_PORT+i-1 if set, and keeps its config, logs and partitions in $KAFKA_DATA_DIR/node-i.
# All nodes share one cluster id, the credentials file and the TLS certificate. A single broker (the default)
# keeps everything in $KAFKA_DATA_DIR itself, as it always has.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
POM="$SCRIPT_DIR/pom.xml"

KAFKA_CLUSTER_SIZE="${KAFKA_CLUSTER_SIZE:-1}"
[[ "$KAFKA_CLUSTER_SIZE" =~ ^[1-9]$ ]] || { echo "kafka: KAFKA_CLUSTER_SIZE must be a whole number from 1 to 9, not '$KAFKA_CLUSTER_SIZE'" >&2; exit 2; }
KAFKA_PORT="${KAFKA_PORT:-9092}"
if ((KAFKA_CLUSTER_SIZE == 1)); then
  KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
else
  KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-$((KAFKA_PORT + 100))}"
fi
if ((KAFKA_CLUSTER_SIZE == 1)); then
  KAFKA_DATA_DIR="${KAFKA_DATA_DIR:-$REPO_ROOT/.data/kafka}"
else
  KAFKA_DATA_DIR="${KAFKA_DATA_DIR:-$REPO_ROOT/.data/kafka-cluster}"
fi
KAFKA_CACHE_DIR="${KAFKA_CACHE_DIR:-$REPO_ROOT/.cache/kafka}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xmx512m -Xms256m}"
KAFKA_OPTS="${KAFKA_OPTS:-}"
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
KAFKA_TLS_PORT="${KAFKA_TLS_PORT:-}"
KAFKA_CREDENTIALS_FILE="${KAFKA_CREDENTIALS_FILE:-$KAFKA_DATA_DIR/credentials.properties}"
SERVICE_ACLS="$SCRIPT_DIR/service-acls.txt"
PRINCIPALS_TOOL="$SCRIPT_DIR/Principals.java"
TLS_DIR="$KAFKA_DATA_DIR/tls"
KAFKA_VERSION="${KAFKA_VERSION:-$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$POM" | head -n1)}"

LIBS_DIR="$KAFKA_CACHE_DIR/$KAFKA_VERSION/libs"
LIBS_MARKER="$KAFKA_CACHE_DIR/$KAFKA_VERSION/libs.complete"
CLUSTER_ID_FILE="$KAFKA_DATA_DIR/cluster.id"

# Replicas of the internal topics and the brokers' defaults: 3 (at most the cluster size), 2 of them in sync.
REPLICATION_FACTOR=$((KAFKA_CLUSTER_SIZE < 3 ? KAFKA_CLUSTER_SIZE : 3))
MIN_INSYNC_REPLICAS=$((REPLICATION_FACTOR > 1 ? REPLICATION_FACTOR - 1 : 1))

# Every node's client and controller address.
ALL_CLIENT_ADDRESSES=""
QUORUM_VOTERS=""
for ((n = 1; n <= KAFKA_CLUSTER_SIZE; n++)); do
  ALL_CLIENT_ADDRESSES="${ALL_CLIENT_ADDRESSES:+$ALL_CLIENT_ADDRESSES,}127.0.0.1:$((KAFKA_PORT + n - 1))"
  QUORUM_VOTERS="${QUORUM_VOTERS:+$QUORUM_VOTERS,}$n@127.0.0.1:$((KAFKA_CONTROLLER_PORT + n - 1))"
done
KAFKA_PROVISION_BOOTSTRAP="${KAFKA_PROVISION_BOOTSTRAP:-$ALL_CLIENT_ADDRESSES}"
overlap() { (($1 < $2 + KAFKA_CLUSTER_SIZE && $2 < $1 + KAFKA_CLUSTER_SIZE)); }
if overlap "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT" || { [[ -n "$KAFKA_TLS_PORT" ]] &&
  { overlap "$KAFKA_PORT" "$KAFKA_TLS_PORT" || overlap "$KAFKA_CONTROLLER_PORT" "$KAFKA_TLS_PORT"; }; }; then
  echo "kafka: the $KAFKA_CLUSTER_SIZE client ports from KAFKA_PORT=$KAFKA_PORT, the controller ports from KAFKA_CONTROLLER_PORT=$KAFKA_CONTROLLER_PORT${KAFKA_TLS_PORT:+ and the TLS ports from KAFKA_TLS_PORT=$KAFKA_TLS_PORT} overlap" >&2
  exit 2
fi

# The node the functions below act on: its id, ports and files (select_node sets them).
select_node() {
  NODE_ID=$1
  NODE_PORT=$((KAFKA_PORT + NODE_ID - 1))
  NODE_CONTROLLER_PORT=$((KAFKA_CONTROLLER_PORT + NODE_ID - 1))
  NODE_TLS_PORT="${KAFKA_TLS_PORT:+$((KAFKA_TLS_PORT + NODE_ID - 1))}"
  if ((KAFKA_CLUSTER_SIZE == 1)); then NODE_DIR="$KAFKA_DATA_DIR"; else NODE_DIR="$KAFKA_DATA_DIR/node-$NODE_ID"; fi
  PID_FILE="$NODE_DIR/broker.pid"
  CONFIG="$NODE_DIR/server.properties"
  LOG4J_CONFIG="$NODE_DIR/log4j2.properties"
  TOOLS_LOG4J_CONFIG="$NODE_DIR/tools-log4j2.properties"
  READY_CHECK="$NODE_DIR/ReadyCheck.java"
  LOG_DIR="$NODE_DIR/logs"
  KRAFT_DIR="$NODE_DIR/kraft"
}
select_node 1

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# Flag for the short-lived helper JVMs (storage format, readiness check): starts them faster.
TOOL_OPTS=(-XX:TieredStopAtLevel=1)

say() { echo "kafka: $*"; }
die() { echo "kafka: $*" >&2; exit 1; }

usage() {
  echo "usage: $(basename "$0") fetch|start|stop|status|reset|provision, or start-node|stop-node|kill-node <n> for one node of a cluster" >&2
  exit 2
}

# Fingerprint of what the libs dir was built from: a changed pom or version means a refetch.
libs_fingerprint() {
  { echo "$KAFKA_VERSION"; cat "$POM"; } | cksum | tr -d ' \t'
}

libs_ready() {
  [[ -f "$LIBS_MARKER" && -d "$LIBS_DIR" && "$(cat "$LIBS_MARKER")" == "$(libs_fingerprint)" ]]
}

cmd_fetch() {
  if ! libs_ready; then
    command -v mvn >/dev/null || die "mvn not found: Maven is needed to fetch the Kafka jars"
    say "fetching Kafka $KAFKA_VERSION jars from Maven Central..."
    local tmp="$LIBS_DIR.tmp"
    rm -rf "$tmp" "$LIBS_MARKER"
    mkdir -p "$(dirname "$LIBS_DIR")"
    local log="$KAFKA_CACHE_DIR/$KAFKA_VERSION/fetch.log"
    if ! mvn -B -q -f "$POM" package -Dkafka.version="$KAFKA_VERSION" -Dkafka.libs.dir="$tmp" >"$log" 2>&1; then
      cat "$log" >&2
      die "mvn failed to fetch Kafka $KAFKA_VERSION (output above, also in $log)"
    fi
    ls "$tmp"/kafka_2.13-*.jar >/dev/null 2>&1 || die "mvn finished but no kafka_2.13 jar is in $tmp"
    rm -rf "$LIBS_DIR"
    mv "$tmp" "$LIBS_DIR"
    libs_fingerprint >"$LIBS_MARKER"
  fi
  say "Kafka $KAFKA_VERSION jars in $LIBS_DIR"
}

process_args() {
  if [[ -r "/proc/$1/cmdline" ]]; then
    tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null || true
  else
    ps -o args= -p "$1" 2>/dev/null || true
  fi
}

# True while process $1 exists and is not a zombie.
alive() {
  kill -0 "$1" 2>/dev/null || return 1
  [[ ! -r "/proc/$1/stat" || "$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)" != Z ]]
}

# Pid of the broker running from this data dir, or nothing (a stale pid file is removed).
running_pid() {
  [[ -f "$PID_FILE" ]] || return 0
  local pid
  pid="$(tr -dc '0-9' <"$PID_FILE")"
  if [[ -n "$pid" ]] && alive "$pid" && [[ "$(process_args "$pid")" == *"kafka.Kafka $CONFIG"* ]]; then
    echo "$pid"
  else
    rm -f "$PID_FILE"
  fi
}

# Where the broker of this data dir listens, as its server.properties says.
broker_address() {
  sed -n 's|^advertised.listeners=CLIENT://\([^,]*\).*|\1|p' "$CONFIG" 2>/dev/null || true
}

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

check_java() {
  command -v "$JAVA" >/dev/null || die "java not found (Kafka $KAFKA_VERSION needs Java 17+)"
  local major
  major="$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
  [[ "${major%%.*}" -ge 17 ]] 2>/dev/null || die "Java $major found; Kafka $KAFKA_VERSION needs Java 17+"
}

# A password of 32 letters and digits.
new_password() {
  head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32
}

# Reads one password from the credentials file.
password_of() {
  sed -n "s|^$1=||p" "$KAFKA_CREDENTIALS_FILE" 2>/dev/null | head -n 1
}

# The credentials file: the super user and every service principal of service-acls.txt, each with a
# password generated on first use. Principals added to the list later get theirs on the next start.
ensure_credentials() {
  mkdir -p "$(dirname "$KAFKA_CREDENTIALS_FILE")"
  if [[ ! -f "$KAFKA_CREDENTIALS_FILE" ]]; then
    (umask 077 && echo "# Kafka SASL/SCRAM-SHA-512 credentials of this broker; written by tools/kafka/broker.sh" >"$KAFKA_CREDENTIALS_FILE")
  fi
  local principal
  for principal in admin $(sed 's/#.*//' "$SERVICE_ACLS" | awk 'NF { print $1 }' | sort -u); do
    if [[ -z "$(password_of "$principal")" ]]; then echo "$principal=$(new_password)" >>"$KAFKA_CREDENTIALS_FILE"; fi
  done
  chmod 600 "$KAFKA_CREDENTIALS_FILE"
}

# A self-signed certificate for the TLS listener, and its PEM for clients to trust.
ensure_tls() {
  [[ -n "$KAFKA_TLS_PORT" ]] || return 0
  [[ -f "$TLS_DIR/broker.p12" ]] && return 0
  command -v keytool >/dev/null || die "keytool not found (a JDK is needed for KAFKA_TLS_PORT)"
  mkdir -p "$TLS_DIR"
  local pass
  pass="$(new_password)"
  (umask 077 && echo "$pass" >"$TLS_DIR/keystore.password")
  keytool -genkeypair -alias broker -keyalg EC -groupname secp256r1 -validity 825 -dname "CN=localhost" \
    -ext "SAN=ip:127.0.0.1,dns:localhost" -keystore "$TLS_DIR/broker.p12" -storetype PKCS12 \
    -storepass "$pass" -keypass "$pass" >/dev/null 2>&1 || die "keytool could not create $TLS_DIR/broker.p12"
  keytool -exportcert -rfc -alias broker -keystore "$TLS_DIR/broker.p12" -storepass "$pass" >"$TLS_DIR/ca.pem" 2>/dev/null ||
    die "keytool could not export $TLS_DIR/ca.pem"
  say "TLS certificate for 127.0.0.1 and localhost; clients trust $TLS_DIR/ca.pem"
}

write_config() {
  mkdir -p "$LOG_DIR" "$KRAFT_DIR"
  local admin_password listeners advertised protocols
  admin_password="$(password_of admin)"
  listeners="CLIENT://127.0.0.1:$NODE_PORT,CONTROLLER://127.0.0.1:$NODE_CONTROLLER_PORT"
  advertised="CLIENT://127.0.0.1:$NODE_PORT"
  protocols="CONTROLLER:SASL_PLAINTEXT,CLIENT:SASL_PLAINTEXT"
  if [[ -n "$NODE_TLS_PORT" ]]; then
    listeners="$listeners,TLS://127.0.0.1:$NODE_TLS_PORT"
    advertised="$advertised,TLS://127.0.0.1:$NODE_TLS_PORT"
    protocols="$protocols,TLS:SASL_SSL"
  fi
  (umask 077 && cat >"$CONFIG" <<EOF
# Written by tools/kafka/broker.sh on every start; edit the script, not this file.
process.roles=broker,controller
node.id=$NODE_ID
controller.quorum.voters=$QUORUM_VOTERS
log.dirs=$KRAFT_DIR
listeners=$listeners
advertised.listeners=$advertised
inter.broker.listener.name=CLIENT
controller.listener.names=CONTROLLER
listener.security.protocol.map=$protocols
# Clients and the brokers themselves (replication between nodes) authenticate with SCRAM-SHA-512; the
# controller listener with PLAIN, since SCRAM credentials live in the metadata that the controller serves.
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
sasl.mechanism.controller.protocol=PLAIN
listener.name.client.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$admin_password";
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="$admin_password" user_admin="$admin_password";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
super.users=User:admin
num.network.threads=2
num.io.threads=4
num.partitions=1
default.replication.factor=$REPLICATION_FACTOR
min.insync.replicas=$MIN_INSYNC_REPLICAS
auto.create.topics.enable=true
offsets.topic.replication.factor=$REPLICATION_FACTOR
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=$REPLICATION_FACTOR
transaction.state.log.min.isr=$MIN_INSYNC_REPLICAS
transaction.state.log.num.partitions=1
share.coordinator.state.topic.replication.factor=$REPLICATION_FACTOR
share.coordinator.state.topic.min.isr=$MIN_INSYNC_REPLICAS
group.initial.rebalance.delay.ms=0
log.cleaner.enable=true
log.cleaner.threads=1
log.cleaner.dedupe.buffer.size=16777216
log.cleaner.backoff.ms=5000
log.retention.hours=168
log.segment.bytes=67108864
EOF
  )
  if ((KAFKA_CLUSTER_SIZE > 1)); then
    # A node that stops heartbeating (killed, not shut down) is fenced after 4 s and its partitions get new
    # leaders from the in-sync replicas; a lagging follower leaves the ISR after 10 s. On a busy machine the
    # quorum may take minutes to form; a starting node waits that long to register.
    cat >>"$CONFIG" <<EOF
broker.heartbeat.interval.ms=500
broker.session.timeout.ms=4000
initial.broker.registration.timeout.ms=180000
replica.lag.time.max.ms=10000
num.replica.fetchers=1
EOF
  fi
  if [[ -n "$NODE_TLS_PORT" ]]; then
    cat >>"$CONFIG" <<EOF
listener.name.tls.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.tls.ssl.keystore.type=PKCS12
listener.name.tls.ssl.keystore.location=$TLS_DIR/broker.p12
listener.name.tls.ssl.keystore.password=$(cat "$TLS_DIR/keystore.password")
EOF
  fi

  # Broker logging: everything to logs/server.log (rolled at 10 MB), nothing on stdout.
  cat >"$LOG4J_CONFIG" <<'EOF'
status = warn
name = kafka-broker
property.dir = ${sys:kafka.logs.dir}
appender.server.type = RollingFile
appender.server.name = server
appender.server.fileName = ${dir}/server.log
appender.server.filePattern = ${dir}/server.log.%i
appender.server.layout.type = PatternLayout
appender.server.layout.pattern = [%d] %p %m (%c)%n
appender.server.policies.type = Policies
appender.server.policies.size.type = SizeBasedTriggeringPolicy
appender.server.policies.size.size = 10MB
appender.server.strategy.type = DefaultRolloverStrategy
appender.server.strategy.max = 5
rootLogger.level = INFO
rootLogger.appenderRef.server.ref = server
logger.request.name = kafka.request.logger
logger.request.level = WARN
logger.statechange.name = state.change.logger
logger.statechange.level = WARN
EOF

  # Logging of the readiness check (a Kafka admin client): warnings only, to logs/tools.log.
  cat >"$TOOLS_LOG4J_CONFIG" <<'EOF'
status = warn
name = kafka-tools
appender.tools.type = File
appender.tools.name = tools
appender.tools.fileName = ${sys:kafka.logs.dir}/tools.log
appender.tools.layout.type = PatternLayout
appender.tools.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = WARN
rootLogger.appenderRef.tools.ref = tools
EOF

  # Readiness check, run by Java's single-file source launcher with the broker's own classpath:
  # exit 0 once the brokers answer DescribeCluster with all of them (args[2], 1 if absent), ListTopics, a
  # consumer-group OffsetFetch and an InitProducerId (this also warms up the group/transaction coordinators,
  # whose topics need all replicas present), 3 until then.
  cat >"$READY_CHECK" <<'EOF'
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

public class ReadyCheck {
  public static void main(String[] args) {
    Properties p = new Properties();
    p.put("bootstrap.servers", args[0]);
    p.put("client.id", "broker-sh-ready-check");
    p.put("security.protocol", "SASL_PLAINTEXT");
    p.put("sasl.mechanism", "SCRAM-SHA-512");
    p.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\" password=\"" + args[1] + "\";");
    p.put("request.timeout.ms", "3000");
    p.put("default.api.timeout.ms", "5000");
    p.put("socket.connection.setup.timeout.ms", "2000");
    p.put("socket.connection.setup.timeout.max.ms", "2000");
    p.put("reconnect.backoff.max.ms", "500");
    int code = 3;
    try (Admin admin = Admin.create(p)) {
      int brokers = admin.describeCluster().nodes().get().size();
      int expected = args.length > 2 ? Integer.parseInt(args[2]) : 1;
      if (brokers < expected) throw new IllegalStateException(brokers + " of " + expected + " brokers registered");
      admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
      // Finds the group coordinator, so __consumer_offsets exists and is loaded before clients come.
      admin.listConsumerGroupOffsets("broker-sh-ready-check").partitionsToOffsetAndMetadata().get();
      // Gets a producer id, so the first idempotent/transactional producer is not told "coordinator loading".
      Properties pp = new Properties();
      pp.putAll(p);
      // A new id each time: an existing one would only get its epoch bumped, not a new producer id.
      pp.put("transactional.id", "broker-sh-ready-check-" + System.currentTimeMillis());
      pp.put("max.block.ms", "5000");
      try (KafkaProducer<byte[], byte[]> producer =
          new KafkaProducer<>(pp, new ByteArraySerializer(), new ByteArraySerializer())) {
        producer.initTransactions();
      }
      if (brokers > 0) code = 0;
    } catch (Exception e) {
      System.err.println("not ready: " + e);
    }
    System.exit(code);
  }
}
EOF
}

format_storage() {
  if [[ -f "$KRAFT_DIR/meta.properties" ]]; then
    return 0
  fi
  local cp="$LIBS_DIR/*" cluster_id=$1 out
  if ! out="$("$JAVA" "${TOOL_OPTS[@]}" -cp "$cp" -Dlog4j2.configurationFile="$TOOLS_LOG4J_CONFIG" -Dkafka.logs.dir="$LOG_DIR" \
    kafka.tools.StorageTool format --config "$CONFIG" --cluster-id "$cluster_id" \
    --add-scram "SCRAM-SHA-512=[name=admin,password=$(password_of admin)]" 2>&1)"; then
    echo "$out" >&2
    die "formatting storage in $KRAFT_DIR failed"
  fi
  say "formatted storage in $KRAFT_DIR (cluster id $cluster_id)"
}

# What server.log got since this start ($1: its size before; after a roll-over, all of it).
new_server_log() {
  local f="$LOG_DIR/server.log" from=$1
  [[ -f "$f" ]] || return 0
  (($(wc -c <"$f") >= from)) || from=0
  tail -c +$((from + 1)) "$f"
}

# True once the broker logged that it started.
server_started() {
  new_server_log "$1" | grep "Kafka Server started" >/dev/null
}

# Last lines the broker wrote since this start ($1: size of server.log before it).
show_log_tail() {
  if [[ -s "$LOG_DIR/stdout.log" ]]; then
    echo "--- last lines of $LOG_DIR/stdout.log ---" >&2
    tail -n 20 "$LOG_DIR/stdout.log" | cut -c1-400 >&2
  fi
  local lines
  lines="$(new_server_log "$1" | tail -n 20 | cut -c1-400)"
  if [[ -n "$lines" ]]; then
    echo "--- last lines of $LOG_DIR/server.log ---" >&2
    echo "$lines" >&2
  fi
}

# Cluster id of every node: a single broker gets a new one when formatted, a cluster's nodes share the one in
# $KAFKA_DATA_DIR/cluster.id.
cluster_id() {
  if ((KAFKA_CLUSTER_SIZE > 1)) && [[ -s "$CLUSTER_ID_FILE" ]]; then
    cat "$CLUSTER_ID_FILE"
    return 0
  fi
  local id
  id="$("$JAVA" "${TOOL_OPTS[@]}" -cp "$LIBS_DIR/*" -Dlog4j2.configurationFile="$TOOLS_LOG4J_CONFIG" -Dkafka.logs.dir="$LOG_DIR" \
    kafka.tools.StorageTool random-uuid)" || die "could not generate a cluster id"
  if ((KAFKA_CLUSTER_SIZE > 1)); then echo "$id" >"$CLUSTER_ID_FILE"; fi
  echo "$id"
}

# Where each node of this data dir listens ("node 1: 127.0.0.1:9092 (pid 123)"), one line per node.
describe_nodes() {
  local n pid
  for ((n = 1; n <= KAFKA_CLUSTER_SIZE; n++)); do
    select_node "$n"
    pid="$(running_pid)"
    if [[ -n "$pid" ]]; then pid="running (pid $pid)"; else pid="not running"; fi
    echo "node $n: 127.0.0.1:$NODE_PORT, controller 127.0.0.1:$NODE_CONTROLLER_PORT, $pid"
  done
}

# Starts the JVM of the selected node in the background and writes its pid file; sets LAUNCHED_PID.
launch_node() {
  local detach=()
  if command -v setsid >/dev/null; then detach=(setsid); fi # own session: Ctrl-C here won't reach it
  # shellcheck disable=SC2086 # KAFKA_HEAP_OPTS / KAFKA_OPTS are lists of JVM flags
  ${detach[@]+"${detach[@]}"} "$JAVA" $KAFKA_HEAP_OPTS \
    -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
    -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true \
    -Dkafka.logs.dir="$LOG_DIR" -Dlog4j2.configurationFile="$LOG4J_CONFIG" \
    $KAFKA_OPTS \
    -cp "$LIBS_DIR/*" kafka.Kafka "$CONFIG" \
    >"$LOG_DIR/stdout.log" 2>&1 </dev/null &
  LAUNCHED_PID=$!
  echo "$LAUNCHED_PID" >"$PID_FILE"
}

# Starts the given nodes (all when none is given) that are not running, and waits until the whole cluster serves.
cmd_start() {
  local n pid stopped=() wanted=("$@")
  if ((${#wanted[@]} == 0)); then for ((n = 1; n <= KAFKA_CLUSTER_SIZE; n++)); do wanted+=("$n"); done; fi
  for n in "${wanted[@]}"; do
    select_node "$n"
    pid="$(running_pid)"
    if [[ -z "$pid" ]]; then stopped+=("$n"); fi
  done
  if ((${#stopped[@]} == 0)); then
    if ((KAFKA_CLUSTER_SIZE == 1)); then
      say "already running (pid $(running_pid)) on $(broker_address), data in $KAFKA_DATA_DIR"
    elif ((${#wanted[@]} < KAFKA_CLUSTER_SIZE)); then
      say "node(s) ${wanted[*]} already running, data in $KAFKA_DATA_DIR"
    else
      say "cluster of $KAFKA_CLUSTER_SIZE already running, data in $KAFKA_DATA_DIR"
    fi
    return 0
  fi
  check_java
  cmd_fetch
  for n in "${stopped[@]}"; do
    select_node "$n"
    if port_open "$NODE_PORT"; then die "port $NODE_PORT is already in use by another process"; fi
    if port_open "$NODE_CONTROLLER_PORT"; then die "port $NODE_CONTROLLER_PORT is already in use by another process"; fi
    if [[ -n "$NODE_TLS_PORT" ]] && port_open "$NODE_TLS_PORT"; then die "port $NODE_TLS_PORT is already in use by another process"; fi
  done
  mkdir -p "$KAFKA_DATA_DIR"
  ensure_credentials
  ensure_tls

  # The nodes start together, once all are formatted: a quorum of N voters elects its leader only once a majority
  # of them runs, and a node that cannot register with it in time gives up.
  local started cid="" log_starts=() pids=()
  for n in "${stopped[@]}"; do
    select_node "$n"
    write_config
    if [[ ! -f "$KRAFT_DIR/meta.properties" ]]; then
      [[ -n "$cid" ]] || cid="$(cluster_id)"
      format_storage "$cid"
    fi
  done
  started=$SECONDS
  for n in "${stopped[@]}"; do
    select_node "$n"
    log_starts[n]=0
    [[ -f "$LOG_DIR/server.log" ]] && log_starts[n]="$(wc -c <"$LOG_DIR/server.log")"
    launch_node
    pids[n]=$LAUNCHED_PID
  done
  if ((KAFKA_CLUSTER_SIZE == 1)); then
    say "starting broker (pid ${pids[1]}), waiting up to ${KAFKA_START_TIMEOUT}s for it to serve requests..."
  else
    say "starting node(s) ${stopped[*]} of $KAFKA_CLUSTER_SIZE (pids ${pids[*]}), waiting up to ${KAFKA_START_TIMEOUT}s for the cluster to serve requests..."
  fi

  local last_note=$SECONDS check_out rc all_open all_logged
  while true; do
    for n in "${stopped[@]}"; do
      select_node "$n"
      if ! alive "${pids[n]}"; then
        rm -f "$PID_FILE"
        show_log_tail "${log_starts[n]}"
        if ((KAFKA_CLUSTER_SIZE == 1)); then die "broker exited during startup (see $LOG_DIR)"; fi
        die "node $n exited during startup (see $LOG_DIR); the others are left running, stop them with: $0 stop"
      fi
    done
    all_open=true
    all_logged=true
    for ((n = 1; n <= KAFKA_CLUSTER_SIZE; n++)); do
      select_node "$n"
      port_open "$NODE_PORT" || all_open=false
    done
    for n in "${stopped[@]}"; do
      select_node "$n"
      server_started "${log_starts[n]}" || all_logged=false
    done
    select_node "${stopped[0]}"
    # The check runs once the brokers logged that they started (or after 30s, should that line change):
    # an admin client that connects earlier only waits out its request timeouts.
    if $all_open && { $all_logged || ((SECONDS - started >= 30)); }; then
      rc=0
      check_out="$("$JAVA" "${TOOL_OPTS[@]}" -cp "$LIBS_DIR/*" -Dlog4j2.configurationFile="$TOOLS_LOG4J_CONFIG" \
        -Dkafka.logs.dir="$LOG_DIR" "$READY_CHECK" "$ALL_CLIENT_ADDRESSES" "$(password_of admin)" "$KAFKA_CLUSTER_SIZE" 2>&1)" || rc=$?
      if ((rc == 0)); then
        break
      elif ((rc != 3)); then
        echo "$check_out" >&2
        die "the readiness check itself failed (it needs a JDK, not just a JRE); broker(s) left running, pid(s) ${pids[*]}"
      fi
    fi
    if ((SECONDS - started >= KAFKA_START_TIMEOUT)); then
      for n in "${stopped[@]}"; do
        select_node "$n"
        show_log_tail "${log_starts[n]}"
      done
      die "not ready after ${KAFKA_START_TIMEOUT}s; left running (pid(s) ${pids[*]}), stop with: $0 stop"
    fi
    if ((SECONDS - last_note >= 5)); then
      say "  still starting... $((SECONDS - started))s"
      last_note=$SECONDS
    fi
    sleep 1
  done
  cmd_provision
  if ((KAFKA_CLUSTER_SIZE == 1)); then
    select_node 1
    say "ready on 127.0.0.1:$KAFKA_PORT (SASL/SCRAM-SHA-512${KAFKA_TLS_PORT:+, TLS on $KAFKA_TLS_PORT}) after $((SECONDS - started))s (pid ${pids[1]}, logs in $LOG_DIR)"
  else
    say "cluster of $KAFKA_CLUSTER_SIZE ready on $ALL_CLIENT_ADDRESSES (SASL/SCRAM-SHA-512, replication factor $REPLICATION_FACTOR, min.insync.replicas $MIN_INSYNC_REPLICAS) after $((SECONDS - started))s; nodes in $KAFKA_DATA_DIR/node-*"
  fi
  say "credentials in $KAFKA_CREDENTIALS_FILE"
}

# Gives each service principal its password and exactly the ACLs of service-acls.txt (idempotent).
cmd_provision() {
  check_java
  cmd_fetch >/dev/null
  ensure_credentials
  mkdir -p "$LOG_DIR"
  local out
  if ! out="$("$JAVA" "${TOOL_OPTS[@]}" -cp "$LIBS_DIR/*" -Dlog4j2.configurationFile="$TOOLS_LOG4J_CONFIG" -Dkafka.logs.dir="$LOG_DIR" \
    "$PRINCIPALS_TOOL" "$KAFKA_PROVISION_BOOTSTRAP" "$KAFKA_CREDENTIALS_FILE" "$SERVICE_ACLS" 2>&1)"; then
    echo "$out" >&2
    die "provisioning the service principals on $KAFKA_PROVISION_BOOTSTRAP failed"
  fi
  say "service principals and ACLs: $out"
}

# Stops the given nodes (all when none is given) with signal $STOP_SIGNAL (TERM: a controlled shutdown; KILL: a crash).
cmd_stop() {
  local n pid pids=() wanted=("$@")
  if ((${#wanted[@]} == 0)); then for ((n = 1; n <= KAFKA_CLUSTER_SIZE; n++)); do wanted+=("$n"); done; fi
  for n in "${wanted[@]}"; do
    select_node "$n"
    pid="$(running_pid)"
    if [[ -n "$pid" ]]; then pids+=("$pid"); fi
  done
  if ((${#pids[@]} == 0)); then
    say "not running"
    return 0
  fi
  # All at once: a cluster's last nodes would otherwise wait for a quorum that has already gone.
  if ((KAFKA_CLUSTER_SIZE == 1)); then say "stopping broker (pid ${pids[0]})..."; else say "stopping node(s) ${wanted[*]} (pids ${pids[*]}) with SIG$STOP_SIGNAL..."; fi
  for pid in "${pids[@]}"; do kill "-$STOP_SIGNAL" "$pid" 2>/dev/null || true; done
  local i left
  for ((i = 0; i < 30; i++)); do
    left=()
    for pid in "${pids[@]}"; do if alive "$pid"; then left+=("$pid"); fi; done
    ((${#left[@]} > 0)) || break
    sleep 1
  done
  left=()
  for pid in "${pids[@]}"; do if alive "$pid"; then left+=("$pid"); fi; done
  if ((${#left[@]} > 0)); then
    say "still alive after 30s, sending SIGKILL to ${left[*]}"
    for pid in "${left[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
    for ((i = 0; i < 10; i++)); do
      left=()
      for pid in "${pids[@]}"; do if alive "$pid"; then left+=("$pid"); fi; done
      ((${#left[@]} > 0)) || break
      sleep 0.5
    done
  fi
  for n in "${wanted[@]}"; do
    select_node "$n"
    rm -f "$PID_FILE"
  done
  if ((${#left[@]} > 0)); then die "pid(s) ${left[*]} still alive"; fi
  say "stopped"
}

cmd_status() {
  if ((KAFKA_CLUSTER_SIZE == 1)); then
    local pid
    pid="$(running_pid)"
    if [[ -n "$pid" ]]; then
      say "running (pid $pid) on $(broker_address), data in $KAFKA_DATA_DIR"
      return 0
    fi
    say "not running"
    return 1
  fi
  # A cluster is "running" when every node runs; each node's state is listed either way.
  local line rc=0
  while IFS= read -r line; do
    say "$line"
    [[ "$line" == *"not running" ]] && rc=1
  done < <(describe_nodes)
  return $rc
}

cmd_reset() {
  cmd_stop
  case "$KAFKA_DATA_DIR" in
    "" | "/" | "$HOME" | "$REPO_ROOT") die "refusing to delete KAFKA_DATA_DIR=$KAFKA_DATA_DIR" ;;
  esac
  rm -rf "$KAFKA_DATA_DIR"
  say "deleted $KAFKA_DATA_DIR"
}

STOP_SIGNAL=TERM
case "${1:-}" in
  start-node | stop-node | kill-node)
    # One node of the cluster, by its number from 1 to KAFKA_CLUSTER_SIZE.
    if [[ $# -ne 2 || ! "$2" =~ ^[1-9]$ ]] || (($2 > KAFKA_CLUSTER_SIZE)); then
      echo "kafka: $1 takes one node number from 1 to KAFKA_CLUSTER_SIZE ($KAFKA_CLUSTER_SIZE)" >&2
      exit 2
    fi
    case "$1" in
      start-node) cmd_start "$2" ;;
      stop-node) cmd_stop "$2" ;;
      kill-node) STOP_SIGNAL=KILL cmd_stop "$2" ;;
    esac
    exit 0
    ;;
esac
[[ $# -eq 1 ]] || usage
case "$1" in
  fetch) cmd_fetch ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  reset) cmd_reset ;;
  provision) cmd_provision ;;
  *) usage ;;
esac
