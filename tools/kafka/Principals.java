import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Bootstrap of the broker's service principals, run by `broker.sh provision` as the super user:
 *
 *   java Principals.java <bootstrap> <credentials.properties> <service-acls.txt>
 *
 * Every principal in the credentials file except the super user gets (or keeps) its SCRAM-SHA-512 password.
 * Every principal named in the ACL list ends with exactly the ACLs the list gives it. The super user signs in
 * with SCRAM-SHA-512, or with PLAIN where KAFKA_ADMIN_SASL_MECHANISM=PLAIN says so (a broker whose super user
 * is configured statically, as in docker-compose.yml).
 */
public class Principals {
  static final String SUPER_USER = "admin";

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: java Principals.java <bootstrap> <credentials.properties> <service-acls.txt>");
      System.exit(2);
    }
    Properties credentials = new Properties();
    try (Reader reader = Files.newBufferedReader(Path.of(args[1]))) {
      credentials.load(reader);
    }
    List<AclBinding> wanted = readAcls(Path.of(args[2]));

    Properties client = new Properties();
    client.put("bootstrap.servers", args[0]);
    client.put("security.protocol", "SASL_PLAINTEXT");
    String mechanism = System.getenv().getOrDefault("KAFKA_ADMIN_SASL_MECHANISM", "SCRAM-SHA-512");
    client.put("sasl.mechanism", mechanism);
    client.put("sasl.jaas.config", jaas(mechanism, SUPER_USER, credentials.getProperty(SUPER_USER)));
    client.put("request.timeout.ms", "15000");
    client.put("default.api.timeout.ms", "30000");
    try (Admin admin = Admin.create(client)) {
      List<UserScramCredentialAlteration> upserts = new ArrayList<>();
      for (String user : credentials.stringPropertyNames()) {
        if (user.equals(SUPER_USER)) continue;
        upserts.add(new UserScramCredentialUpsertion(user, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), credentials.getProperty(user)));
      }
      admin.alterUserScramCredentials(upserts).all().get();

      Set<String> principals = new HashSet<>();
      for (AclBinding binding : wanted) principals.add(binding.entry().principal());
      Set<AclBinding> existing = new HashSet<>();
      List<AclBindingFilter> stale = new ArrayList<>();
      for (String principal : principals) {
        AclBindingFilter mine = new AclBindingFilter(ResourcePatternFilter.ANY,
            new AccessControlEntryFilter(principal, null, AclOperation.ANY, AclPermissionType.ANY));
        for (AclBinding binding : admin.describeAcls(mine).values().get()) {
          if (wanted.contains(binding)) existing.add(binding);
          else stale.add(binding.toFilter());
        }
      }
      if (!stale.isEmpty()) admin.deleteAcls(stale).all().get();
      List<AclBinding> missing = new ArrayList<>();
      for (AclBinding binding : wanted) if (!existing.contains(binding)) missing.add(binding);
      if (!missing.isEmpty()) admin.createAcls(missing).all().get();
      System.out.printf("%d principals, %d ACLs (%d created, %d removed)%n", upserts.size(), wanted.size(), missing.size(), stale.size());
    }
  }

  static String jaas(String mechanism, String user, String password) {
    if (password == null) throw new IllegalArgumentException("the credentials file has no password for " + user);
    String module = mechanism.equals("PLAIN") ? "org.apache.kafka.common.security.plain.PlainLoginModule" : "org.apache.kafka.common.security.scram.ScramLoginModule";
    return module + " required username=\"" + user + "\" password=\"" + password + "\";";
  }

  static List<AclBinding> readAcls(Path file) throws IOException {
    List<AclBinding> bindings = new ArrayList<>();
    for (String raw : Files.readAllLines(file)) {
      String line = raw.replaceAll("#.*", "").trim();
      if (line.isEmpty()) continue;
      String[] f = line.split("\\s+");
      if (f.length != 5) throw new IllegalArgumentException("expected 5 fields in ACL line: " + raw);
      ResourcePattern resource = new ResourcePattern(ResourceType.fromString(f[1]), f[3], PatternType.fromString(f[2]));
      for (String operation : f[4].split(",")) {
        AclOperation op = AclOperation.fromString(operation);
        if (op == AclOperation.UNKNOWN) throw new IllegalArgumentException("unknown operation " + operation + " in: " + raw);
        bindings.add(new AclBinding(resource, new AccessControlEntry("User:" + f[0], "*", op, AclPermissionType.ALLOW)));
      }
    }
    return bindings;
  }
}
