output "alb_dns_name" {
  description = "DNS name of the ALB (point domain_name at it when route53_zone_id is not used)."
  value       = module.alb.alb_dns_name
}

output "alb_zone_id" {
  description = "Route 53 zone id of the ALB, for alias records."
  value       = module.alb.alb_zone_id
}

output "cluster_name" {
  description = "ECS cluster name (invorto-<environment>); the CI deploy job updates services in it."
  value       = module.ecs.cluster_name
}

output "service_names" {
  description = "ECS service name per service key (invorto-api, invorto-realtime, invorto-webhooks, invorto-telephony)."
  value       = module.ecs.service_names
}

output "task_definition_families" {
  description = "Task definition family per service (used by the CI deploy job and for rollbacks)."
  value       = module.ecs.task_definition_families
}

output "ecr_repository_urls" {
  description = "ECR repository URL per image name (invorto-api, ...)."
  value       = module.ecr.repository_urls
}

output "log_group_names" {
  description = "CloudWatch log group per service (/ecs/invorto-<service>)."
  value       = module.ecs.log_group_names
}

output "redis_primary_endpoint" {
  description = "Primary endpoint of the Redis replication group; REDIS_URL (SSM) is <endpoint>:6379,ssl=true."
  value       = module.redis.primary_endpoint_address
}

output "vpc_id" {
  description = "VPC id."
  value       = module.network.vpc_id
}

output "private_subnet_ids" {
  description = "Private subnet ids (for `aws ecs run-task` one-off tasks such as create-tenant)."
  value       = module.network.private_subnet_ids
}

output "task_security_group_ids" {
  description = "Security group id per service (use the api one for one-off Api tasks)."
  value       = module.security.task_security_group_ids
}

output "task_execution_role_arn" {
  description = "ARN of the ECS task execution role (reads only the listed SSM parameters)."
  value       = module.iam.task_execution_role_arn
}

output "github_deploy_role_arn" {
  description = "ARN of the role GitHub Actions assumes via OIDC; store it as the AWS_OIDC_ROLE_ARN secret."
  value       = module.iam.github_deploy_role_arn
}

output "ssm_parameter_names" {
  description = "SSM SecureString parameters the tasks expect (create them before the first deploy)."
  value       = [for name in local.secret_names : "${local.ssm_parameter_prefix}/${name}"]
}

output "waf_web_acl_arn" {
  description = "ARN of the WAF web ACL, or null when enable_waf is false."
  value       = var.enable_waf ? module.waf[0].web_acl_arn : null
}
