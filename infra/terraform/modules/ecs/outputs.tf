output "cluster_name" {
  description = "ECS cluster name."
  value       = aws_ecs_cluster.this.name
}

output "cluster_arn" {
  description = "ECS cluster ARN."
  value       = aws_ecs_cluster.this.arn
}

output "service_names" {
  description = "ECS service name per service key."
  value       = { for name, svc in aws_ecs_service.service : name => svc.name }
}

output "task_definition_families" {
  description = "Task definition family per service key."
  value       = { for name, td in aws_ecs_task_definition.service : name => td.family }
}

output "log_group_names" {
  description = "CloudWatch log group per service key."
  value       = { for name, lg in aws_cloudwatch_log_group.service : name => lg.name }
}
