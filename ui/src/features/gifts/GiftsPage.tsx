import { RecordListPage } from "../records/RecordListPage";

export function GiftsPage() {
  return <RecordListPage kind="gift" area="gifts" newKinds={["giftReceived", "giftGiven"]} />;
}
