output "task_execution_role_arn" {
  description = "ARN of the ECS task execution role."
  value       = aws_iam_role.task_execution.arn
}

output "task_role_arn" {
  description = "ARN of the ECS task role."
  value       = aws_iam_role.task.arn
}

output "github_deploy_role_arn" {
  description = "ARN of the GitHub Actions deploy role (secret AWS_OIDC_ROLE_ARN)."
  value       = aws_iam_role.github_deploy.arn
}

output "github_oidc_subjects" {
  description = "OIDC subjects allowed to assume the deploy role."
  value       = local.github_subjects
}
