import { RecordListPage } from "./RecordListPage";

/** Every kind together, newest first: registering happens in each kind's own area. */
export function TimelinePage() {
  return <RecordListPage kind={null} area="records" newKinds={[]} />;
}
