import { JOINT_USE_NOTICE } from './notice-revisions';
import { PURPOSES_OF_USE } from './purposes-of-use';

describe('the group’s purposes of use', () => {
  it('are the nine items of policy section 2, numbered in order', () => {
    expect(PURPOSES_OF_USE.map((purpose) => purpose.policyItem)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('mark as joint use exactly the items the notice names', () => {
    expect(PURPOSES_OF_USE.filter((purpose) => purpose.jointUse).map((purpose) => purpose.policyItem)).toEqual(JOINT_USE_NOTICE.purposes.map((purpose) => purpose.policyItem));
  });

});
