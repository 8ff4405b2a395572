import { RecordListPage } from "../records/RecordListPage";

export function TripsPage() {
  return <RecordListPage kind="trip" area="trips" newKinds={["trip"]} />;
}
