import { RecordListPage } from "../records/RecordListPage";

export function MealsPage() {
  return <RecordListPage kind="meal" area="meals" newKinds={["meal"]} />;
}
