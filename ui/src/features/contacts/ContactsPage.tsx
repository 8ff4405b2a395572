import { RecordListPage } from "../records/RecordListPage";

export function ContactsPage() {
  return <RecordListPage kind="contact" area="contacts" newKinds={["contact"]} />;
}
