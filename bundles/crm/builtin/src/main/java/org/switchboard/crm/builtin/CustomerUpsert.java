package org.switchboard.crm.builtin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.switchboard.core.api.SwitchboardException;
import org.switchboard.crm.api.Customer;
import org.switchboard.crm.api.CustomerDraft;
import org.switchboard.crm.api.CustomerService;
import org.switchboard.crm.api.Identity;
import org.switchboard.crm.api.ImportReport;

/**
 * One record of an import or a sync applied: the customer one of its identities belongs to is
 * updated, else a customer is created.
 */
final class CustomerUpsert {
  private CustomerUpsert() {}

  /**
   * Applies a record.
   *
   * @return true when a customer was created, false when one was updated
   * @throws org.switchboard.core.api.ValidationException when the record is invalid
   */
  static boolean apply(CustomerService crm, CustomerDraft record) {
    List<Identity> ids = new ArrayList<>();
    for (Identity i : record.identities()) {
      ids.add(crm.normalize(i.kind(), i.value()));
    }
    Optional<Customer> known = Optional.empty();
    for (Identity i : ids) {
      known = crm.findByIdentity(i);
      if (known.isPresent()) {
        break;
      }
    }
    Map<String, Boolean> consents = new HashMap<>(known.map(Customer::consents).orElse(Map.of()));
    consents.putAll(record.consents());
    Set<Identity> all = new LinkedHashSet<>(known.map(Customer::identities).orElse(List.of()));
    all.addAll(ids);
    CustomerDraft merged =
        new CustomerDraft(
            record.name(),
            record.tier(),
            record.priority(),
            record.tags(),
            consents,
            new ArrayList<>(all));
    if (known.isPresent()) {
      crm.update(known.get().id(), known.get().version(), merged);
      return false;
    }
    crm.create(merged);
    return true;
  }

  /** Applies every record; a refused one is reported by its position and changes nothing. */
  static ImportReport applyAll(CustomerService crm, List<CustomerDraft> records) {
    int created = 0;
    int updated = 0;
    int refused = 0;
    List<ImportReport.Failure> failed = new ArrayList<>();
    for (int n = 0; n < records.size(); n++) {
      try {
        if (records.get(n) == null) {
          throw new org.switchboard.core.api.ValidationException("record", "is null");
        }
        if (apply(crm, records.get(n))) {
          created++;
        } else {
          updated++;
        }
      } catch (SwitchboardException | IllegalArgumentException e) {
        refused++;
        if (failed.size() < ImportReport.MAX_LISTED) {
          failed.add(new ImportReport.Failure(n + 1L, e.getMessage()));
        }
      }
    }
    return new ImportReport(created, updated, refused, failed);
  }
}
