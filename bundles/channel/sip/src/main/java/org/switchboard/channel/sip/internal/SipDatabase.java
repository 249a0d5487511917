package org.switchboard.channel.sip.internal;

import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.switchboard.platform.db.MigrationPlan;
import org.switchboard.platform.db.SchemaMigrations;

/** The SIP tables, migrated on activation. */
@Component(service = SipDatabase.class)
public class SipDatabase {
  final SipStore store;

  @Activate
  public SipDatabase(
      @Reference(target = "(dataSourceName=switchboard)") DataSource dataSource,
      @Reference SchemaMigrations migrations) {
    migrations.migrate(dataSource, MigrationPlan.forOwner("sip", SipDatabase.class));
    this.store = new SipStore(dataSource);
  }
}
