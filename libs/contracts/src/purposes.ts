// The purposes of joint use are stated by the joint-use notice in the policy library.
export { JOINT_USE_PURPOSES, type JointUsePurpose } from '@registry/policy';
